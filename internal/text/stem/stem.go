package stem

import "strings"

// Stem returns the stem of a lower-case word in language lang (ISO 639-1); words of
// unsupported languages are returned unchanged. Safe for concurrent use; allocation-free
// where possible (see the package documentation for the stemmers and their limits).
func Stem(lang, word string) string {
	if word == "" {
		return word
	}
	if f := snowballStemmer(lang); f != nil {
		if lang == "ru" {
			word = yoToYe(word)
		}
		st := snowball(f, word)
		if st == word && (lang == "es" || lang == "pt" || lang == "it") {
			st = shortWord(lang, word)
		}
		return st
	}
	switch lang {
	case "uk":
		return ukrainianStem(yoToYe(word))
	case "be":
		return belarusianStem(word)
	case "pl":
		return foldLatin(polishStem(word))
	case "cs":
		return foldLatin(czechStem(word))
	case "sk":
		return foldLatin(slovakStem(word))
	case "hr", "bs":
		return foldLatin(serboCroatianStem(word))
	case "sr":
		return foldLatin(serboCroatianStem(serbianToLatin(word)))
	case "bg":
		return bulgarianStem(word)
	}
	return word
}

// Supported reports whether Stem has a stemmer for lang (ISO 639-1). The list is in the
// package documentation.
func Supported(lang string) bool {
	switch lang {
	case "en", "ru", "de", "fr", "es", "it", "pt", "nl", "sv", "da", "no", "nb", "nn",
		"fi", "hu", "ro", "tr", "ar", "ga",
		"uk", "be", "pl", "cs", "sk", "hr", "bs", "sr", "bg":
		return true
	}
	return false
}

// yoToYe replaces ё with е, as Russian (and Ukrainian loan) texts use both spellings.
func yoToYe(s string) string {
	if !strings.Contains(s, "ё") {
		return s
	}
	return strings.ReplaceAll(s, "ё", "е")
}

// shortWord stems a short Spanish, Portuguese or Italian word that Snowball left alone
// because its region R1 or RV is empty: es and pt lose a plural s ("armas" → "arma", as
// "arma" stays), it loses its final vowel ("armi" and "arma" → "arm").
func shortWord(lang, w string) string {
	if len(w) < 4 || len(w) > 6 {
		return w
	}
	last := w[len(w)-1]
	if lang == "it" {
		if last == 'a' || last == 'e' || last == 'i' || last == 'o' {
			return w[:len(w)-1]
		}
		return w
	}
	if last == 's' && w[len(w)-2] != 's' {
		return w[:len(w)-1]
	}
	return w
}
