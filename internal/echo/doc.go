// Package echo finds copy-pasta, rewordings and translations among items as they arrive,
// live and without a neural encoder, and keeps echo groups: items linked by verified pairs,
// transitively. It is pure (no I/O): dictionaries come in through Options.Lexicon (see
// fimi/internal/text/lexicon for FreeDict, and the subpackage cjk for Chinese).
//
// # Analysis (Prepare; safe for concurrent use)
//
// Normalize, detect the language when Doc.Lang is empty, and cut the text into units: content
// words (not stop words, two letters or more), numbers, hashtags (also split at case changes),
// canonical URLs, and Chinese and Japanese words, found by greedy longest match against the
// language's lexicon (unknown Han characters are units of their own; particles and other
// one- or two-kana words are dropped, and so are about 90 Chinese function characters such
// as 的, 了, 我, 这: they are in the word bigrams, not units). Each unit has a term, its stem
// in its language (the rewording key; English irregular verb forms take the stem of their
// base form: "sent" is "send"), and pivot tokens, what a translation of it would share:
//
//   - the English stems of the first MaxSenses (5) translations of the word and then of
//     the other words sharing its stem (all senses: the sense used is not known), or its
//     own stem for English; numbers as digits (English number words too), hashtags, URLs;
//   - a cross-script name key (translit.Key of the stem, final vowels dropped) for
//     capitalised words and for words the lexicon does not know ("Обамы" meets "Obama"), and
//     then also the English stem of the word's Latin transliteration (loan words);
//   - a cognate key: the first four consonants of the word's phonetic key, so that
//     "president", "presidente", "Präsident" and "президент" meet (Options.NoCognates).
//
// Words are analysed once per analyser (a bounded per-goroutine cache). Besides the units, an
// item keeps the fingerprints of its word bigrams (copies), its numbers and names
// (capitalised words inside sentences, except in title case; in German only words the
// lexicon does not know) to check facts. Items with fewer than MinWords units are skipped
// (8 by default). All of it is packed into one allocation per item: about 750 bytes for a
// 40-word post.
//
// # Candidates
//
// An inverted index over pivot tokens with bounded posting chains (subpackage postings):
// an item is indexed under the pivot tokens of its IndexUnits heaviest units (8 units, at
// most two tokens each, its first sense or stem and its cognate key, so that one word with
// many senses cannot fill the 16 slots; weight: inverse document frequency of the unit's
// term in its language), and queries the tokens of its QueryUnits heaviest units (24, at
// most 48 tokens), each chain walked at most MaxChain items deep (10), newest first. The
// MaxVerify candidates (16) sharing the most tokens, and at least MinHits (1), are
// verified. So the cost per item is bounded whatever the size of the index: at most 48·10
// postings and 16 verifications. The heaviest units are the specific ones (names, numbers,
// rare words), so an echo shares them; words common to many items (templates,
// boilerplate) weigh little and are not keys. On D3lta the candidates miss 2% of the
// translation pairs and 0.2% of the others that verification accepts (with six units of
// up to 16 tokens and two hits: 8% and 1.5%).
//
// # Verification (Similarities, Thresholds)
//
// Weights are inverse document frequencies counted in a fixed table (4 MiB), terms within
// their language once it has 5 items (so that the common words of a language with few
// items do not look rare), once 1,000 items were seen; each item keeps its unit weights
// from when it was added. The measures are coverages, not set overlaps, so that a word with
// many senses or a long text cannot inflate them: the weighted share of a text's units
// whose term (TermCoverage) or some pivot token (PivotCoverage) the other text has, the
// smaller of the two directions. Two more measures tell a repeat from texts that share a
// topic or a sentence: Order, the share of the matched units of the text with fewer units
// whose match in the other text lies at about the same relative position (within a fifth
// of the length), and Spread, the least share of matched units over the thirds of that
// text (of 9 units or more).
//
//	copy:        word-bigram containment ≥ 0.80 (of the shorter text, at least 30% as long)
//	rewording:   same language, TermCoverage ≥ 0.36, or, in order (Order ≥ 0.80 and
//	             Spread ≥ 0.15), PivotCoverage ≥ 0.26: synonyms meet through their English
//	             senses
//	translation: different languages, Translation ≥ 0.34, or, in order and with at least 4
//	             units in common, Translation ≥ 0.26. Translation is PivotCoverage with each
//	             direction divided by the share of the other text's units that the lexicon
//	             knows (at least 0.7), since a text in a language with a small dictionary
//	             cannot cover much of its translation
//
// and for a rewording or a translation at least MinShared units (2) in common. Facts veto:
// numbers (both texts have some and share fewer than half) veto rewordings and
// translations; names (more than a quarter of the smaller set not in the other: the same
// template about another city or person) veto rewordings and copies below 0.95
// containment. The thresholds were tuned on the D3lta synthetic set and `fimi gen` corpora
// only; D3lta has no held-out split, so its figures are training figures. On D3lta (direct
// pairs, as the detector returns them) precision is 0.99, copy-or-rewording recall 0.92
// and translation recall 0.80 (D3lta's own edges: 1.0, 0.91, 0.78); Chinese, Japanese and
// Turkish, with the smallest dictionaries, are found least (see TestEvalD3lta).
//
// # Groups
//
// Union-find over pairs. A group's id is "g-" + its first-seen item's id; when an item
// bridges two groups through copies, the older group (earlier first-seen item) keeps its id
// and absorbs the other (event GroupMerged). Two groups of two or more members are not merged
// through a rewording or a translation (the pair is still returned; Options.MergeAll merges
// through any pair): posts that share a topic and a sentence otherwise chain whole
// conversations into one group (on a 200k-item fimi gen corpus, one group of 19,489 items;
// 556 at most with the rule). Add returns GroupCreated, GroupGrown and GroupMerged events so
// that the caller can persist groups. One wrong copy pair still merges two groups, so group
// precision is lower than pair precision.
//
// # Expiry and memory
//
// Items older than the newest item minus Options.Horizon (7 days) are expired at Add (or by
// Expire): they leave the index and their records and features are freed by blocks; a group
// is dropped from memory when all its members have expired (the caller has persisted it).
// Per live item the detector holds about 130 bytes of index, 100 of record and id, and its
// packed features (about 750 bytes for a gen post); MemoryStats reports the estimate. The
// lexicon glossaries are built once per language (LexiconBytes). Words past MaxWords (400)
// are ignored. On `fimi gen` corpora (BenchEchoes, 2 shared cores) an item costs about 170
// to 190 µs of CPU in all (about 45 of analysis, 70 of Add), 5,000 to 6,600 items a second
// from 10,000 to 1,000,000 items without slowing down, and the detector's estimate is
// about 1,000 bytes per live item.
//
// # Restarts
//
// After a restart the caller re-adds recent stored items in time order. To keep group ids
// and avoid reporting pairs twice, call Seed with the saved groups first: re-added members
// rejoin their group silently and pairs among them are not returned again; new pairs and
// new members are reported as usual. Pair.Key is an idempotent key (earlier id, later id)
// for storing pairs with upserts, which also makes a re-add without Seed harmless.
//
// # Concurrency
//
// A Detector is not safe for concurrent use: one goroutine calls Add, AddPrepared, Expire,
// Seed and the accessors. Prepare, Compare and Explain only read the options and the
// lexicon glossaries (built once per language under a lock) and may run on any number of
// goroutines, also while Add runs: the ingest pipeline prepares items in parallel and adds
// them in order.
package echo
