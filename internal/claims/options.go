package claims

import "time"

// Options configure a Matcher. Zero fields take the value of DefaultOptions, except the
// weights, where a negative value means 0 (off).
type Options struct {
	// TopK is how many results Match returns when the query does not say (default 10).
	TopK int
	// Candidates is how many BM25 hits are rescored by the model (default 35: fewer cost
	// less and rank the same on CLEF 2020 train and dev; the model was fitted on 64).
	Candidates int
	// MaxQueryTerms bounds the distinct content terms taken from an item, in text order,
	// which bounds the cost of matching a long article (default 128).
	MaxQueryTerms int

	// BM25F over the claim fields.
	K1          float64 // saturation (default 1.2)
	BText       float64 // length normalisation of Claim.Text (default 0.75)
	BTitle      float64 // of Claim.Title (default 0.75)
	TitleWeight float64 // weight of Claim.Title against Claim.Text (default 1)
	ExtraWeight float64 // weight of Claim.Keywords (default 0.3)

	// Weights of query terms, relative to a word of the item's body (1).
	BigramWeight      float64 // two consecutive content words (default 0.3)
	NameWeight        float64 // the cross-script key of a name, on top of the word (default 0.5)
	TranslationWeight float64 // English translations of a word, shared among them (default 0.6)
	CognateWeight     float64 // the cognate key of a word of a language other than English (default 0.3)
	TrailerWeight     float64 // words of an embedded-tweet trailer "— Name (@handle) date" (default 0.3)
	MentionWeight     float64 // words of @handles (default 0.3)
	TagWeight         float64 // words of #hashtags (default 1)
	LinkWordWeight    float64 // words of a link's path (default 0.5)

	// Decisions, on the calibrated score in [0, 1] (see Match and decide).
	Confirm float64 // a score at least this is DecisionConfirmed (default 0.9)
	Suggest float64 // at least this is DecisionSuggested (default 0.5)
	// ConfirmWords and ConfirmCoverage: a confirmed match needs at least this many distinct
	// words of the claim's text and title in the item (default 3), and at least this share
	// of them (default 0.4).
	ConfirmWords    int
	ConfirmCoverage float64
	// MinContentWords: an item with fewer content words (words that are not stop words,
	// numbers, links) cannot be confirmed, only suggested, and one with fewer than half as
	// many gets no decision (default 5).
	MinContentWords int
	// MaxClaimAge: a claim fact-checked more than this before the item is downgraded one
	// level (confirmed → suggested → none): old claims resurface, but an old match needs a
	// human look (default 2 years; needs both dates).
	MaxClaimAge time.Duration
	// EarlySlack: an item published more than this before the claim first appeared
	// (Claim.Appeared) is downgraded one level; without that date, an item published more
	// than MaxClaimAge before the fact-check is (default 30 days).
	EarlySlack time.Duration
	// MinScore drops results scoring below it (default 0: keep TopK whatever they score).
	MinScore float64

	// Model gives each result its calibrated Score, on which decisions rest; nil means the
	// built-in model (model_weights.go), fitted with true negatives for a stream where most
	// items repeat no claim.
	Model *Model
	// RankModel orders the results; nil means the built-in ranking model, fitted to rank
	// (CLEF 2020 train, where every tweet has a relevant claim). The two disagree on order
	// only among close candidates.
	RankModel *Model
	// Dictionary translates words of other languages to English; nil means no translation
	// (names, numbers and links still match across languages).
	Dictionary Dictionary
}

// DefaultOptions returns the options the matcher was calibrated with.
func DefaultOptions() Options {
	return Options{
		TopK:              10,
		Candidates:        35,
		MaxQueryTerms:     128,
		K1:                1.2,
		BText:             0.75,
		BTitle:            0.75,
		TitleWeight:       1,
		ExtraWeight:       0.3,
		BigramWeight:      0.3,
		NameWeight:        0.5,
		TranslationWeight: 0.6,
		CognateWeight:     0.3,
		TrailerWeight:     0.3,
		MentionWeight:     0.3,
		TagWeight:         1,
		LinkWordWeight:    0.5,
		Confirm:           0.9,
		Suggest:           0.5,
		ConfirmWords:      3,
		ConfirmCoverage:   0.4,
		MinContentWords:   5,
		MaxClaimAge:       2 * 365 * 24 * time.Hour,
		EarlySlack:        30 * 24 * time.Hour,
	}
}

// withDefaults fills zero fields.
func (o Options) withDefaults() Options {
	d := DefaultOptions()
	pick := func(v *float64, def float64) {
		switch {
		case *v == 0:
			*v = def
		case *v < 0:
			*v = 0
		}
	}
	if o.TopK <= 0 {
		o.TopK = d.TopK
	}
	if o.Candidates <= 0 {
		o.Candidates = d.Candidates
	}
	if o.MaxQueryTerms <= 0 {
		o.MaxQueryTerms = d.MaxQueryTerms
	}
	if o.K1 <= 0 {
		o.K1 = d.K1
	}
	if o.BText == 0 {
		o.BText = d.BText
	}
	if o.BTitle == 0 {
		o.BTitle = d.BTitle
	}
	for _, p := range []struct {
		v   *float64
		def float64
	}{
		{&o.TitleWeight, d.TitleWeight}, {&o.ExtraWeight, d.ExtraWeight}, {&o.BigramWeight, d.BigramWeight},
		{&o.NameWeight, d.NameWeight}, {&o.TranslationWeight, d.TranslationWeight}, {&o.CognateWeight, d.CognateWeight},
		{&o.TrailerWeight, d.TrailerWeight}, {&o.MentionWeight, d.MentionWeight}, {&o.TagWeight, d.TagWeight},
		{&o.LinkWordWeight, d.LinkWordWeight}, {&o.Confirm, d.Confirm}, {&o.Suggest, d.Suggest},
		{&o.ConfirmCoverage, d.ConfirmCoverage},
	} {
		pick(p.v, p.def)
	}
	if o.ConfirmWords == 0 {
		o.ConfirmWords = d.ConfirmWords
	}
	if o.MinContentWords == 0 {
		o.MinContentWords = d.MinContentWords
	}
	if o.MaxClaimAge == 0 {
		o.MaxClaimAge = d.MaxClaimAge
	}
	if o.EarlySlack == 0 {
		o.EarlySlack = d.EarlySlack
	}
	if o.Model == nil {
		o.Model = DefaultModel()
	}
	if o.RankModel == nil {
		o.RankModel = DefaultRankModel()
	}
	return o
}
