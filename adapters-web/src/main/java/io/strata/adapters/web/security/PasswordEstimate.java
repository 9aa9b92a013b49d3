package io.strata.adapters.web.security;

import io.strata.application.security.port.out.PasswordStrength;
import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.resources.ConfigurationBuilder;
import me.gosimple.nbvcxz.resources.Dictionary;
import me.gosimple.nbvcxz.resources.DictionaryBuilder;
import me.gosimple.nbvcxz.resources.Feedback;
import me.gosimple.nbvcxz.scoring.Result;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Password strength as nbvcxz estimates it: the guesses an attacker needs, given its dictionaries of common
 * passwords, words and names, repeats, sequences, keyboard patterns, dates and leet substitutions. A password is
 * refused below {@code minimumEntropy} bits; the library's own default (35) refused sound four-word phrases of twelve
 * characters, so the floor is a setting (see docs/security.md).
 */
public final class PasswordEstimate implements PasswordStrength {

    private final double minimumEntropy;

    public PasswordEstimate(double minimumEntropy) {
        if (!(minimumEntropy > 0)) {
            throw new IllegalArgumentException("strata.security.password-min-entropy must be a positive number of bits, not " + minimumEntropy);
        }
        this.minimumEntropy = minimumEntropy;
    }

    @Override
    public Optional<String> weakness(String password, List<String> personalWords) {
        Result result = estimator(personalWords).estimate(password);
        if (result.getEntropy() >= minimumEntropy) {
            return Optional.empty();
        }
        Feedback feedback = result.getFeedback();
        List<String> words = new ArrayList<>();
        if (feedback.getWarning() != null) {
            words.add(feedback.getWarning());
        }
        words.addAll(feedback.getSuggestion());
        if (feedback.getSuggestion().isEmpty()) {
            words.add("Add another word or two. Uncommon words are better.");
        }
        words.add(String.format(Locale.ROOT, "(Estimated strength %.0f bits; at least %.0f are needed.)", Math.floor(result.getEntropy()),
                Math.ceil(minimumEntropy)));
        return Optional.of(String.join(" ", words));
    }

    private Nbvcxz estimator(List<String> personalWords) {
        List<Dictionary> dictionaries = new ArrayList<>(ConfigurationBuilder.getDefaultDictionaries());
        DictionaryBuilder personal = new DictionaryBuilder().setDictionaryName("personal").setExclusion(false).addWord("strata", 0);
        personalWords.forEach(word -> personal.addWord(word.toLowerCase(Locale.ROOT), 0));
        dictionaries.add(personal.createDictionary());
        return new Nbvcxz(new ConfigurationBuilder().setLocale(Locale.ENGLISH).setMinimumEntropy(minimumEntropy)
                .setDictionaries(dictionaries).createConfiguration());
    }
}
