package echo

import (
	"fmt"
	"time"

	"fimi/internal/text/lang"
	"fimi/internal/text/stem"
	"fimi/internal/text/translit"
)

// Thresholds decide the relation of a verified pair. Similarities are in [0, 1] (Translation
// may exceed 1); see Similarities for their definitions.
type Thresholds struct {
	// Copy: word-bigram containment at least Copy, with the shorter text at least
	// CopyLength of the longer's words.
	Copy       float64
	CopyLength float64
	// CopyAnyway is the containment above which a copy stands even when names conflict
	// (below it, a text that differs only in its names is the same template about someone
	// else).
	CopyAnyway float64
	// MinShared is the fewest units of the smaller text that must meet the other's pivot
	// tokens for a rewording or translation.
	MinShared int
	// Rewording: same language (or either unknown), and TermCoverage at least Rewording.
	Rewording float64
	// Translation: different languages and Similarities.Translation at least Translation.
	Translation float64
	// The thresholds below are zero in a Thresholds written before they existed, which
	// turns them off.
	//
	// In order: when Similarities.Order is at least InOrder (0 turns this off) and
	// Similarities.Spread at least SpreadInOrder, a rewording needs PivotCoverage of only
	// RewordingInOrder (same-language synonyms meet through their English senses), and a
	// translation with at least MinSharedInOrder shared units Translation of only
	// TranslationInOrder.
	InOrder            float64
	SpreadInOrder      float64
	RewordingInOrder   float64
	TranslationInOrder float64
	MinSharedInOrder   int
}

// Options configure a Detector and Compare. The zero value of a field means its
// DefaultOptions value.
type Options struct {
	MinWords  int           // items with fewer units (content words, numbers, CJK words) are skipped (8)
	MaxWords  int           // words read per item; the rest is ignored (400)
	MaxSenses int           // translations of a word used in the pivot (5)
	Horizon   time.Duration // items older than the newest minus Horizon are expired at Add (7 days); negative: never
	MaxPairs  int           // most pairs returned per Add, most similar first (32)
	// The candidate index holds each item under the pivot tokens of its IndexUnits heaviest
	// units (8; at most two tokens each, 16 in all), and a new item queries the tokens of
	// its QueryUnits heaviest units (24; at most 48 tokens); MaxChain bounds the items
	// visited per token (10); MinHits is the fewest shared tokens for a candidate to be
	// verified (1), MaxVerify the most candidates verified per item, those sharing the most
	// tokens first (16).
	IndexUnits, QueryUnits, MaxChain, MinHits, MaxVerify int
	// NoCognates leaves cognate keys (the first consonants of a word's phonetic key) out
	// of the pivot.
	NoCognates bool
	// Thresholds for the relations; see DefaultThresholds.
	Thresholds Thresholds
	// Lexicon maps words to English for translation detection. Nil: translations are found
	// only through what survives translation as is (names, numbers, URLs, hashtags,
	// cognates).
	Lexicon Lexicon
	// GlossaryCache is a directory where the glossaries built from the Lexicon (its pivot
	// tables per language) are kept between processes, for languages whose dictionary
	// version the Lexicon can name; "" keeps nothing.
	GlossaryCache string
	// MergeAll merges two groups through any pair; by default two groups of two or more
	// members merge only through a copy.
	MergeAll bool
	// Stem, StopWord, ToLatin and NameKey default to fimi/internal/text/stem and translit.
	Stem     func(lang, word string) string
	StopWord func(lang, word string) bool
	ToLatin  func(lang, s string) string
	NameKey  func(name string) string
	// Detect names the language of a text when Doc.Lang is empty; default text/lang.
	Detect func(text string) string
}

// DefaultThresholds returns the thresholds tuned on the D3lta synthetic set and `fimi gen`
// corpora (see the package documentation).
func DefaultThresholds() Thresholds {
	return Thresholds{
		Copy:               0.80,
		CopyLength:         0.30,
		CopyAnyway:         0.95,
		MinShared:          2,
		Rewording:          0.36,
		Translation:        0.34,
		InOrder:            0.80,
		SpreadInOrder:      0.15,
		RewordingInOrder:   0.26,
		TranslationInOrder: 0.26,
		MinSharedInOrder:   4,
	}
}

// DefaultOptions returns the defaults documented on Options.
func DefaultOptions() Options {
	return Options{
		MinWords:   8,
		MaxWords:   400,
		MaxSenses:  5,
		Horizon:    7 * 24 * time.Hour,
		MaxPairs:   32,
		IndexUnits: 8,
		QueryUnits: 24,
		MaxChain:   10,
		MinHits:    1,
		MaxVerify:  16,
		Thresholds: DefaultThresholds(),
		Stem:       stem.Stem,
		StopWord:   stem.StopWord,
		ToLatin:    translit.ToLatin,
		NameKey:    translit.Key,
		Detect: func(text string) string {
			l, _ := lang.Default().Detect(text)
			return l
		},
	}
}

func (o Options) withDefaults() (Options, error) {
	d := DefaultOptions()
	if o.MinWords == 0 {
		o.MinWords = d.MinWords
	}
	if o.MaxWords == 0 {
		o.MaxWords = d.MaxWords
	}
	if o.MaxSenses == 0 {
		o.MaxSenses = d.MaxSenses
	}
	if o.Horizon == 0 {
		o.Horizon = d.Horizon
	}
	if o.MaxPairs == 0 {
		o.MaxPairs = d.MaxPairs
	}
	if o.IndexUnits == 0 {
		o.IndexUnits = d.IndexUnits
	}
	if o.QueryUnits == 0 {
		o.QueryUnits = d.QueryUnits
	}
	if o.MaxChain == 0 {
		o.MaxChain = d.MaxChain
	}
	if o.MinHits == 0 {
		o.MinHits = d.MinHits
	}
	if o.MaxVerify == 0 {
		o.MaxVerify = d.MaxVerify
	}
	if o.Thresholds == (Thresholds{}) {
		o.Thresholds = d.Thresholds
	}
	if o.Stem == nil {
		o.Stem = d.Stem
	}
	if o.StopWord == nil {
		o.StopWord = d.StopWord
	}
	if o.ToLatin == nil {
		o.ToLatin = d.ToLatin
	}
	if o.NameKey == nil {
		o.NameKey = d.NameKey
	}
	if o.Detect == nil {
		o.Detect = d.Detect
	}
	if o.MinWords < 0 || o.MaxWords < 1 || o.MaxSenses < 0 || o.MaxPairs < 1 {
		return o, fmt.Errorf("%w: min words %d, max words %d, max senses %d, max pairs %d", ErrOptions, o.MinWords, o.MaxWords, o.MaxSenses, o.MaxPairs)
	}
	return o, nil
}
