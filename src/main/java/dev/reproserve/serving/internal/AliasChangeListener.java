package dev.reproserve.serving.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.reproserve.registry.ModelAliases;
import dev.reproserve.serving.ServingProperties;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Listens on PostgreSQL for alias changes made by any replica and re-reads the aliases at
 * once, so a promotion or rollback reaches every replica within moments instead of one
 * refresh interval. One connection is held for it; when it breaks, the listener
 * reconnects and re-reads everything (notifications sent meanwhile are lost, and the
 * scheduled refresh covers them too).
 */
@Component
class AliasChangeListener implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(AliasChangeListener.class);

	private static final int WAIT_MILLIS = 500;

	private static final long RECONNECT_MILLIS = 5_000;

	private final DataSource dataSource;

	private final ServingDirectory directory;

	private final boolean enabled;

	private volatile boolean running;

	private Thread thread;

	AliasChangeListener(DataSource dataSource, ServingDirectory directory, ServingProperties properties) {
		this.dataSource = dataSource;
		this.directory = directory;
		this.enabled = properties.aliasNotifications();
	}

	@Override
	public synchronized void start() {
		if (!this.enabled || this.running) {
			return;
		}
		this.running = true;
		this.thread = new Thread(this::listen, "reproserve-alias-listener");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		if (this.thread != null) {
			this.thread.interrupt();
			try {
				this.thread.join(2 * WAIT_MILLIS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.thread = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void listen() {
		boolean reconnected = false;
		while (this.running) {
			try (Connection connection = this.dataSource.getConnection()) {
				connection.setAutoCommit(true);
				try (Statement statement = connection.createStatement()) {
					statement.execute("LISTEN " + ModelAliases.ALIAS_CHANNEL);
				}
				if (reconnected) {
					this.directory.refresh();
				}
				PGConnection postgres = connection.unwrap(PGConnection.class);
				while (this.running) {
					PGNotification[] notifications = postgres.getNotifications(WAIT_MILLIS);
					if (notifications != null && notifications.length > 0) {
						this.directory.refresh();
					}
				}
			}
			catch (SQLException | RuntimeException ex) {
				if (!this.running) {
					return;
				}
				log.warn("Alias listener lost its database connection ({}); retrying in {} ms", ex.getMessage(),
						RECONNECT_MILLIS);
				reconnected = true;
				try {
					Thread.sleep(RECONNECT_MILLIS);
				}
				catch (InterruptedException interrupted) {
					return;
				}
			}
		}
	}

}
