-- Each alias change records how the new version's input schema treats the requests the old
-- one accepted (added, removed, retyped features, changed categories), and whether a
-- breaking move was forced with "allowIncompatible": null for new aliases and older events.
ALTER TABLE alias_events ADD COLUMN compatibility jsonb;

CREATE OR REPLACE VIEW analytics.alias_timeline AS
SELECT m.name                                                                AS model,
       e.alias,
       e.to_version                                                          AS version,
       e.at                                                                  AS valid_from,
       lead(e.at) OVER (PARTITION BY e.model_id, e.alias ORDER BY e.id)      AS valid_to,
       e.from_version                                                        AS previous_version,
       e.actor,
       e.reason,
       e.id                                                                  AS event_id,
       e.compatibility
FROM alias_events e
JOIN models m ON m.id = e.model_id;
