package dev.reproserve.security.internal;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.reproserve.security.AccessRefusedException;

import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * 401 and 403 as problem+json: the refusal is handed to the same exception resolver as
 * every other problem (the web module's one advice), so its body has the same shape. A
 * 401 carries {@code WWW-Authenticate: Bearer} (RFC 6750), with {@code invalid_token}
 * when a key was sent but is not valid.
 */
class ProblemRefusals implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final HandlerExceptionResolver resolver;

	ProblemRefusals(HandlerExceptionResolver resolver) {
		this.resolver = resolver;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException reason) {
		boolean invalid = reason instanceof BadCredentialsException;
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
				invalid ? "Bearer realm=\"reproserve\", error=\"invalid_token\"" : "Bearer realm=\"reproserve\"");
		this.resolver.resolveException(request, response, null,
				invalid ? AccessRefusedException.invalidKey() : AccessRefusedException.noKey());
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied) {
		Authentication caller = SecurityContextHolder.getContext().getAuthentication();
		String name = (caller != null) ? caller.getName() : "anonymous";
		List<String> roles = (caller != null) ? caller.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.map((authority) -> authority.replaceFirst("^ROLE_", "").toLowerCase(java.util.Locale.ROOT))
			.toList() : List.of();
		this.resolver.resolveException(request, response, null, AccessRefusedException.forbidden(name, roles));
	}

}
