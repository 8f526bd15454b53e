// Package stem reduces inflected words to stems so that the forms of one word meet: "оружие",
// "оружия" and "оружием" all give "оруж"; "zbraň", "zbraně" and "zbraní" give "zbran". It
// also knows short stop-word lists.
//
// The package is pure: no I/O and no mutable global state. Every function is safe for
// concurrent use.
//
// # Languages
//
// Languages are ISO 639-1 codes, as text/lang reports them.
//
//   - Snowball stemmers (github.com/blevesearch/snowballstem, generated from the Snowball
//     project's algorithms; BSD licence): ar da de en es fi fr ga hu it nl no (nb, nn) pt ro
//     ru sv tr. These are the standard stemmers also used by bleve and Lucene.
//   - Light suffix strippers written here for languages Snowball lacks: cs sk pl uk be bg
//     hr sr bs. Czech follows Dolamic and Savoy's light stemmer ("Indexing and stemming
//     approaches for the Czech language", 2009), Bulgarian Savoy's ("Searching strategies
//     for the Bulgarian language", 2007); the others remove the longest inflectional ending
//     from a hand-written list while keeping a stem of at least three letters (for uk and be
//     the stem must also keep a vowel, so "зброю" gives "збро", not "збр").
//
// Stems of the Latin-script light languages (cs sk pl hr sr bs) are folded to ASCII after
// stemming ("broń" → "bron", "oružje" → "oruzj"; đ → dj), and Serbian Cyrillic is written in
// Latin first, so texts typed with or without diacritics, and Serbian in either script, meet.
// Russian, Ukrainian and Belarusian ё is read as е.
//
// # Contract and limits
//
// Stem expects one lower-case word (callers lower-case, for example with strings.ToLower or
// text.Fold, before stemming); it does not split, trim or lower-case, and words of other
// languages or scripts pass through the stemmer mostly unchanged. A stem is a matching key,
// not a dictionary form. Light stemmers do not handle stem alternations (Polish "Polska"
// and "Polsce", Ukrainian "Київ" and "Києва" stay apart) and do not strip derivational
// suffixes, so they conflate less than Snowball; no stemmer knows irregular forms.
//
// Stem allocates only when it changes the word: the Snowball stemmers build their result
// string, the light stemmers return a substring of the word unless folding is needed.
// See stem_bench_test.go for timings.
package stem
