// Package lexicon reads FreeDict bilingual dictionaries in dictd format and maps words of
// other languages to English and back, so that claims and texts in different languages can
// be compared through English.
//
// # Data
//
// The dictionaries are not shipped with fimi: they are read at run time from a directory,
// by default /usr/share/dictd (or $FIMI_DICT_DIR), where Debian's dict-freedict-* packages
// install them:
//
//	apt-get install dict-freedict-deu-eng dict-freedict-fra-eng dict-freedict-spa-eng \
//	  dict-freedict-ita-eng dict-freedict-por-eng dict-freedict-nld-eng \
//	  dict-freedict-swe-eng dict-freedict-dan-eng dict-freedict-fin-eng \
//	  dict-freedict-pol-eng dict-freedict-ces-eng dict-freedict-slk-eng \
//	  dict-freedict-hrv-eng dict-freedict-srp-eng dict-freedict-hun-eng \
//	  dict-freedict-lit-eng dict-freedict-ell-eng dict-freedict-tur-eng \
//	  dict-freedict-ara-eng dict-freedict-jpn-eng \
//	  dict-freedict-eng-rus dict-freedict-eng-bul dict-freedict-eng-ces \
//	  dict-freedict-eng-pol dict-freedict-eng-hrv dict-freedict-eng-srp \
//	  dict-freedict-eng-hun dict-freedict-eng-lit dict-freedict-eng-ell \
//	  dict-freedict-eng-tur dict-freedict-eng-ara
//
// and, for Russian, which FreeDict covers poorly (see Pivots):
//
//	apt-get install dict-freedict-deu-rus dict-freedict-pol-rus
//
// FreeDict dictionaries are free data under copyleft licences, each stated in its
// 00-database-info entry: most under the GNU GPL 2.0 or later (deu-eng: GPL 3), the
// Wiktionary-derived ones (pol-eng, fin-eng, ell-eng, dan-eng, eng-bul, jpn-eng, deu-rus,
// pol-rus, ...) under CC BY-SA 3.0. fimi neither bundles nor modifies them: it reads, at
// run time, whatever the host has installed, so they are not part of fimi's source or
// binary.
//
// Each language is read from freedict-<iso3>-eng (foreign headwords) and from
// freedict-eng-<iso3> read in reverse (English headwords), whichever exist. Sizes differ
// widely: German has 370,000 headwords, Slovak and Serbian under 1,000. There is no
// Ukrainian FreeDict dictionary at all, and no Russian–English one: English–Russian has
// 1,700 headwords only.
//
// # Pivots
//
// A language whose English dictionaries are small (index files under 512 KB, about 20,000
// headwords) is also read through pivot languages: freedict-<pivot>-<iso3> (for example
// deu-rus, pol-rus) joined with the pivot's own English translations (its first two per
// headword). The senses of two dictionaries cannot be aligned, so a pair reached through a
// pivot headword with several senses is kept only when another pivot headword or language
// confirms it. Pivoted translations sort after the direct ones. With deu-rus and pol-rus
// installed, Russian grows from 1,250 to 28,000 headwords ("оружие" → weapon, gun, arm;
// "правительство" → administration, government). A pivot language's index must be ten
// times the size of the pivoted language's, so pivoting cannot cycle; loading Russian then
// loads German and Polish too.
//
// # Parsing
//
// Index lines give a headword and the offset and length (in dictd's base 64) of its entry in
// the gunzipped .dict.dz body (a dictzip file is a gzip file). Entries are read in offset
// order while gunzipping, so a body is never held in memory whole. An entry's first line
// (headword, /pronunciation/, <grammar>) is skipped; each sense contributes its first line
// of comma- or semicolon-separated translations, without sense numbers, <grammar>,
// (parenthesised) and [bracketed] parts; definitions and glosses that follow, examples,
// notes, synonyms and cross-references are dropped. Translations of senses labelled
// colloquial, archaic, rare, figurative and so on sort after the others, phrases after single
// words, translations from the reversed dictionary after direct ones; otherwise the order of
// the dictionary is kept, and at most MaxTranslations are kept per headword and direction.
// English infinitives lose their "to ". Words are normalised to lower case and NFC, without
// stress marks or Arabic vowel marks; no stemming is done (see text/stem; Pairs lets callers
// build stem-keyed maps).
//
// # Cost
//
// Languages named to Load are parsed at once; Default and Load without languages parse each
// language on first use. German, the largest, takes about 3 s of CPU and holds 63 MB of
// heap (BenchmarkLoad); all 22 languages installed on the development machine (1.3 million
// headwords) take about 12 s of CPU and 230 MB. Lookups do not allocate.
//
// A Lexicon is safe for concurrent use.
package lexicon
