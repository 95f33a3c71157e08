package dev.reproserve.security.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.reproserve.security.ApiKey;
import dev.reproserve.security.ApiKeys;
import dev.reproserve.security.Role;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.GrantedAuthority;
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

	private final List<GrantedAuthority> anonymousAuthorities;

	/**
	 * @param anonymousRoles what a caller without a key may do: a caller with a key may
	 * do that too, so a key never takes away what no key gives
	 */
	BearerKeyFilter(ApiKeys keys, AuthenticationEntryPoint refusals, List<Role> anonymousRoles) {
		this.keys = keys;
		this.refusals = refusals;
		this.anonymousAuthorities = anonymousRoles.stream()
			.<GrantedAuthority>map((role) -> new SimpleGrantedAuthority(role.authority()))
			.toList();
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
		// The key's own role first: a 403 names it before what anyone may do.
		List<GrantedAuthority> authorities = new ArrayList<>();
		authorities.add(new SimpleGrantedAuthority(key.get().role().authority()));
		authorities.addAll(this.anonymousAuthorities);
		PreAuthenticatedAuthenticationToken authentication = new PreAuthenticatedAuthenticationToken(key.get().name(),
				null, authorities);
		SecurityContextHolder.getContext().setAuthentication(authentication);
		try {
			chain.doFilter(request, response);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

}
