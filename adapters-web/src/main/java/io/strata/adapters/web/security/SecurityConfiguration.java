package io.strata.adapters.web.security;

import io.strata.application.security.AuthenticateToken;
import io.strata.application.security.ConsoleUsers;
import io.strata.application.security.PasswordHashing;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Two doors: the API takes bearer tokens and keeps no session (so no CSRF to guard); the console uses a form login
 * with a session, and CSRF protection stays on.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class SecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, AuthenticateToken authenticate) throws Exception {
        ProblemResponses problems = new ProblemResponses();
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> {
                    ApiAccessRules.RULES.forEach(rule -> requests.requestMatchers(rule.method(), rule.pattern()).hasAnyRole(rule.roleNames()));
                    // deny by default: an endpoint without an explicit rule is reachable by nobody
                    requests.anyRequest().denyAll();
                })
                .oauth2ResourceServer(server -> server
                        .opaqueToken(opaque -> opaque.introspector(new TokenIntrospector(authenticate)))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain console(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/error",
                                "/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**",
                                "/swagger-ui.html", "/swagger-ui/**").permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout").permitAll());
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    PasswordHashing passwordHashing(PasswordEncoder encoder) {
        return encoder::encode;
    }

    @Bean
    UserDetailsService consoleUserDetails(ConsoleUsers users) {
        return new ConsoleUserDetails(users);
    }
}
