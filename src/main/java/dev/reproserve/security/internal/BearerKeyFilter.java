package dev.reproserve.security.internal;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.reproserve.security.ApiKey;
import dev.reproserve.security.ApiKeys;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads {@code Authorization: Bearer <key>} and, for a valid key, makes the request that
 * key's: its name is the principal (and so the recorded actor), its role the authority. A
 * header that names no valid key is refused at once with 401, whatever the path; a
 * request without the header goes on as anonymous.
 */
class BearerKeyFilter extends OncePerRequestFilter {

	private static final String BEARER = "Bearer ";

	private final ApiKeys keys;

	private final AuthenticationEntryPoint refusals;

	BearerKeyFilter(ApiKeys keys, AuthenticationEntryPoint refusals) {
		this.keys = keys;
		this.refusals = refusals;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null) {
			chain.doFilter(request, response);
			return;
		}
		Optional<ApiKey> key = header.regionMatches(true, 0, BEARER, 0, BEARER.length())
				? this.keys.authenticate(header.substring(BEARER.length()).trim()) : Optional.empty();
		if (key.isEmpty()) {
			SecurityContextHolder.clearContext();
			this.refusals.commence(request, response, new BadCredentialsException("invalid key"));
			return;
		}
		PreAuthenticatedAuthenticationToken authentication = new PreAuthenticatedAuthenticationToken(key.get().name(),
				null, List.of(new SimpleGrantedAuthority(key.get().role().authority())));
		SecurityContextHolder.getContext().setAuthentication(authentication);
		try {
			chain.doFilter(request, response);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

}
