package io.strata.adapters.web.security;

import io.strata.application.security.port.in.AuthenticateToken;
import io.strata.application.security.port.in.ManageConsoleUsers;
import io.strata.application.security.port.in.ThrottleLogins;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;

import java.util.Map;

/**
 * Two doors: the API takes bearer tokens and keeps no session (so no CSRF to guard); the console uses a form login
 * with a session, and CSRF protection stays on. Who may call which API endpoint is decided in {@link ApiAccessRules}, who may
 * open which console page or send which console form in {@link ConsoleAccessRules}.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class SecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, AuthenticateToken authenticate,
                            @org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
                            org.springframework.beans.factory.ObjectProvider<org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping> mappings)
            throws Exception {
        ProblemResponses problems = new ProblemResponses(new MappedMethods(mappings));
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> {
                    ApiAccessRules.RULES.forEach(rule -> rule.methods().forEach(method ->
                            requests.requestMatchers(method, rule.pattern()).hasAnyRole(rule.roleNames())));
                    // deny by default: an endpoint without an explicit rule is reachable by nobody
                    requests.anyRequest().denyAll();
                })
                .oauth2ResourceServer(server -> server
                        .opaqueToken(opaque -> opaque.introspector(new TokenIntrospector(authenticate)))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new OneAuthorizationHeader(),
                        org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter.class)
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(SecurityHeaders.API_CSP))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain console(HttpSecurity http, UserDetailsService users, PasswordEncoder encoder, ThrottleLogins throttle,
                                ManageConsoleUsers consoleUsers) throws Exception {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(encoder);
        var failure = new ExceptionMappingAuthenticationFailureHandler();
        failure.setDefaultFailureUrl("/login?error");
        // the page keeps its one message for both, and may add a hint for 'locked'
        failure.setExceptionMappings(Map.of(ThrottledLogin.NameLocked.class.getName(), "/login?error&locked"));
        // every redirect names a path, never the Host header a client sent (docs/security.md, "Cookies and redirects")
        var savedRequests = new HttpSessionRequestCache();
        savedRequests.setMatchingRequestParameterName("continue");
        var success = new SavedRequestAwareAuthenticationSuccessHandler();
        success.setDefaultTargetUrl("/");
        success.setRequestCache(savedRequests);
        success.setRedirectStrategy(new PathOnlyRedirects());
        // a page open after its session ended: to the login page that says so, then back to that page (docs/console.md)
        var ended = new SessionEnded(savedRequests);
        http.authenticationManager(new ProviderManager(new ThrottledLogin(passwords, throttle)))
                .authorizeHttpRequests(requests -> {
                    requests.requestMatchers("/login", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/error",
                            "/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**",
                            "/swagger-ui.html", "/swagger-ui/**").permitAll();
                    ConsoleAccessRules.RULES.forEach(rule -> rule.methods().forEach(method ->
                            requests.requestMatchers(method, rule.pattern()).hasAnyRole(rule.roleNames())));
                    // a path without a rule maps to no page (a test requires a rule for every mapped one): 404 once logged in
                    requests.anyRequest().authenticated();
                })
                .formLogin(form -> form.loginPage("/login").successHandler(ended.after(success)).failureHandler(failure).permitAll())
                .requestCache(cache -> cache.requestCache(savedRequests))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(ended).accessDeniedHandler(ended))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout").permitAll())
                // a session id known before login is never the one that carries the login
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                .addFilterAfter(new DisabledUserLogout(consoleUsers),
                        org.springframework.security.web.authentication.AnonymousAuthenticationFilter.class)
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(SecurityHeaders.CONSOLE_CSP))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                        .frameOptions(frame -> frame.deny())
                        .addHeaderWriter(new StaticHeadersWriter("Permissions-Policy", SecurityHeaders.PERMISSIONS_POLICY)));
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    EncodedPasswords passwordHashing(PasswordEncoder encoder) {
        return new EncodedPasswords(encoder);
    }

    @Bean
    PasswordEstimate passwordStrength(PasswordSettings settings) {
        return new PasswordEstimate(settings.passwordMinEntropy());
    }

    @Bean
    UserDetailsService consoleUserDetails(ManageConsoleUsers users) {
        return new ConsoleUserDetails(users);
    }
}
