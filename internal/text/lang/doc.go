// Package lang identifies the language of short texts — posts, headlines, article excerpts —
// among 41 languages, with Slavic languages told apart from each other. It is pure: no I/O
// apart from its embedded model, no global state apart from the lazily loaded Default
// detector, and Detect does not allocate.
//
// # Languages
//
// Latin script: az bs ca cs da de en es et fi fr hr hu it lt lv nl no (Bokmål) pl pt ro sk sl
// sq sr sv tr. Cyrillic: be bg kk mk ru sr uk. Arabic script: ar fa. Decided by their script
// alone: el he hy ka ko, ja (Han with kana) and zh (Han without kana).
//
// # How it works
//
//  1. Only the first MaxInput (2 KB) bytes are read. URLs, e-mail addresses, @mentions and
//     numbers are ignored; #hashtags too, unless the rest has fewer than 12 letters.
//  2. The main script is the one with most letters (CJK characters count double). Scripts
//     that belong to one supported language decide it; Han text is Japanese when it has kana.
//     Fewer than three letters, or an unsupported script (Devanagari, Thai, ...), give "".
//  3. For Latin, Cyrillic and Arabic script, each candidate language of the script gets the
//     log-likelihood of the text's letter 1- to 4-grams (within words) under its model, where
//     an n-gram the model lacks costs a per-language floor, plus a bonus for each word of the
//     text in the language's short list of function words (words.go; the lists also carry
//     the vocabulary and ekavian/ijekavian spellings that tell Croatian, Bosnian and Serbian
//     apart). Letters unique to a language (ї є ґ for Ukrainian, ў for Belarusian, ы э for
//     Russian, ђ ћ for Serbian, ř ů for Czech, ľ ŕ for Slovak, ł ś for Polish, ő ű for
//     Hungarian, ț ă for Romanian, õ for Estonian, ß for German, ...) weigh through the
//     unigram models, in which other languages give them a tiny or no probability.
//  4. Reading stops early once the best language leads the runner-up by 24 nats (after at
//     least 40 letters), which bounds the work on long texts.
//  5. Scores are turned into probabilities by a softmax of the log-likelihoods halved, which
//     was roughly calibrated on short fragments: the confidence of Detect is the probability
//     of the best language, e.g. about 0.5 means a coin toss between two languages.
//
// # Model
//
// model.bin.gz (1.28 MB on disk, embedded as is, so the binary grows by about as much) holds
// character n-gram models derived from those of lingua-go v1.4.0 (Apache-2.0; see NOTICE and
// LICENSE.lingua-go): for each language all unigrams and its 3,000 bigrams, 6,000 trigrams
// and 8,000 quadrigrams of highest probability, with P(last letter | previous letters)
// quantised to 1/16 nat; Latin-script Serbian is transliterated from the Cyrillic model. The
// first call of Default decodes it into hash tables (about 60 ms and 5 MB of heap).
//
// To regenerate the model (lingua-go v1.4.0 must be in the module cache, e.g. after
// `go mod download github.com/pemistahl/lingua-go@v1.4.0`):
//
//	go generate ./internal/text/lang
//
// The generator, internal/gen, decodes lingua's zipped protocol buffers itself, so neither
// this package nor the generator imports lingua-go. Its output is deterministic.
//
// # Accuracy and cost
//
// On the hand-written sentences of testdata/sentences (10–25 words, 15–17 per required
// language, 519 in all) 516 are right: the errors are Bosnian or Serbian sentences without a
// telling word. On the D3lta texts of ../shared/datasets accuracy is 0.99, as is agreement
// with lingua-go's high accuracy mode (lingua_test.go, build tag lingua). Detect takes about
// 6 µs for a 100-character post, 8 µs for 300 characters and 10 µs for 2,000 on one core
// (lang_bench_test.go).
//
// Known weaknesses: Croatian, Bosnian and Latin-script Serbian are often indistinguishable in
// short texts without telling words; Danish and Norwegian, Czech and Slovak, and Spanish,
// Portuguese and Catalan can be confused in texts of a few words; names and English loanwords
// pull short texts towards English; Japanese written without kana is taken for Chinese;
// mixed-language texts get the language of their majority, or of their start when that is
// decisive; languages not supported are reported as the closest supported one.
package lang
