// Package translit writes Cyrillic (and Greek) in Latin letters and folds Latin text to
// ASCII, and gives names a coarse phonetic key so that the spellings of one name across
// scripts and languages meet: "Навальный", "Navalny", "Nawalny" and "Nawalnyj" share a key,
// as do "Зеленский", "Зеленський", "Zelensky", "Zelenskyy", "Selenskyj" and "Zełenski".
//
// The package is pure, has no mutable global state, and every function is safe for
// concurrent use.
//
// # Schemes
//
// ToLatin follows the romanisations that news in English use, simplified to ASCII:
//
//   - ru: BGN/PCGN without diacritics, with a final -ый/-ий written -y as the press does
//     ("Навальный" → "navalny", "Ельцин" → "yeltsin").
//   - uk: the Ukrainian national system of 2010 ("Зеленський" → "zelenskyi",
//     "Харків" → "kharkiv", "Київ" → "kyiv").
//   - be: the Belarusian national system without diacritics, ў as w ("Лукашэнка" →
//     "lukashenka").
//   - bg: the Bulgarian Streamlined System of 2009 ("щ" → "sht", "ъ" → "a").
//   - sr: Gaj's Latin alphabet folded to ASCII ("Вучић" → "vucic", ђ → "dj").
//   - mk: the Macedonian national system without diacritics (ѓ → "gj", ќ → "kj").
//   - "" (or any other code): each word is read as Ukrainian if it has і, ї, є or ґ, as
//     Belarusian if it has ў, as Serbian if it has ђ, ћ, џ, ј, љ or њ, as Macedonian if it has
//     ѓ, ќ or ѕ, and as Russian otherwise.
//
// Latin letters lose their diacritics (ł → l, ø → o, æ → ae, ß → ss, đ → dj), Greek is
// romanised after ELOT 743 without diacritics. Characters of other scripts, digits,
// punctuation and spaces are kept, lower-cased; the output is ASCII when the input holds
// only Latin, Greek, Cyrillic and ASCII characters.
//
// # Keys
//
// Key is a coarse phonetic key, not a romanisation. It trades precision for recall, so a
// match of keys is a candidate to confirm (for example with an edit distance on ToLatin
// forms or with context), never proof that two names are one. See Key for the rules and
// their known collisions.
package translit
