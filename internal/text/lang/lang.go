package lang

import (
	"math"
	"slices"
	"strings"
	"sync"
)

const (
	// MaxInput is how many bytes of a text Detect and Scores look at; the rest is ignored.
	MaxInput = 2048
	// minLetters is the fewest letters of the main script needed to name a language;
	// minTagLetters applies instead when the text is read with its hashtags.
	minLetters    = 3
	minTagLetters = 6
)

// Score is the probability a detector gives one candidate language.
type Score struct {
	Lang  string  // ISO 639-1 code
	Score float64 // in [0, 1]; the scores of one text sum to 1
}

// Detector identifies the language of short texts. It is immutable and safe for concurrent use.
type Detector struct {
	m *model
}

var (
	defaultOnce     sync.Once
	defaultDetector *Detector
)

// Default returns the detector over all Supported languages. The embedded model is decoded on
// the first call (about 60 ms; 5 MB of heap stay in use) and shared by every later one.
func Default() *Detector {
	defaultOnce.Do(func() {
		m, err := loadModel(modelData, defaultParams)
		if err != nil {
			panic(err) // the model is generated and tested with this package
		}
		defaultDetector = &Detector{m: m}
	})
	return defaultDetector
}

// scriptLangs names the language that each script without n-gram models decides on its own,
// as a one-element slice for result.langs.
var scriptLangs = [numScripts][]string{
	scriptGreek:    {"el"},
	scriptArmenian: {"hy"},
	scriptHebrew:   {"he"},
	scriptGeorgian: {"ka"},
	scriptHangul:   {"ko"},
	scriptHan:      {"zh"},
	scriptKana:     {"ja"},
}

// Supported returns the ISO 639-1 codes Detect can return, sorted, in a new slice. "no" is
// Norwegian Bokmål; "sr" is Serbian in Cyrillic or Latin script. It loads the Default model
// if that has not happened yet.
func Supported() []string {
	m := Default().m
	seen := map[string]bool{}
	for _, sm := range m.scripts[1:] {
		for _, l := range sm.langs {
			seen[l] = true
		}
	}
	for _, l := range scriptLangs {
		if l != nil {
			seen[l[0]] = true
		}
	}
	out := make([]string, 0, len(seen))
	for l := range seen {
		out = append(out, l)
	}
	slices.Sort(out)
	return out
}

// Detect returns the most likely language of text as an ISO 639-1 code and its probability in
// [0, 1]. It returns "" and 0 when the text has fewer than three letters (URLs, mentions,
// e-mail addresses and numbers do not count, hashtags only when there is little else) or they
// are in a script no supported language uses. Only the first MaxInput bytes are read. Detect
// does not allocate for NFC-normalised input.
func (d *Detector) Detect(text string) (code string, confidence float64) {
	var r result
	d.run(text, &r)
	if r.n == 0 {
		return "", 0
	}
	r.probs()
	b := r.best()
	return r.langs[b], r.score[b]
}

// Scores returns every candidate language for text with its probability, best first. The
// candidates are the languages of the text's main script; the slice is empty when Detect would
// return "". The caller owns the slice.
func (d *Detector) Scores(text string) []Score {
	var r result
	d.run(text, &r)
	r.probs()
	out := make([]Score, r.n)
	for i := range r.n {
		out[i] = Score{r.langs[i], r.score[i]}
	}
	slices.SortStableFunc(out, func(a, b Score) int {
		switch {
		case a.Score > b.Score:
			return -1
		case a.Score < b.Score:
			return 1
		}
		return strings.Compare(a.Lang, b.Lang)
	})
	return out
}

// result holds the candidates of one text and their scores: log-likelihoods, or probabilities
// when direct is set.
type result struct {
	n      int
	langs  []string
	score  [maxLangs]float64
	direct bool
}

// set makes the one language of langs the result, with probability p.
func (r *result) set(langs []string, p float64) {
	r.n = 1
	r.langs = langs
	r.score[0] = p
	r.direct = true
}

// best returns the index of the highest score.
func (r *result) best() int {
	b := 0
	for i := 1; i < r.n; i++ {
		if r.score[i] > r.score[b] {
			b = i
		}
	}
	return b
}

// softmaxTemp divides log-likelihoods before they are turned into probabilities: n-gram
// likelihoods treat overlapping n-grams as independent evidence and would be overconfident.
// 2 gave the best log loss on fragments of the test sentences and the D3lta texts.
const softmaxTemp = 2

// probs turns log-likelihoods into probabilities in place.
func (r *result) probs() {
	if r.direct || r.n == 0 {
		return
	}
	top := r.score[r.best()]
	sum := 0.0
	for i := range r.n {
		r.score[i] = math.Exp((r.score[i] - top) / softmaxTemp)
		sum += r.score[i]
	}
	for i := range r.n {
		r.score[i] /= sum
	}
	r.direct = true
}

// run identifies the main script of text and scores the candidates of that script into r.
func (d *Detector) run(text string, r *result) {
	text = prepare(text)
	m := d.m
	// Pass 1: letters per script, outside and inside hashtags.
	var plain, tagged [numScripts]int
	countScripts(m, text, &plain, &tagged)
	plain[scriptNone], tagged[scriptNone] = 0, 0
	total, tags := 0, 0
	for sc := range plain {
		total += plain[sc]
		tags += tagged[sc]
	}
	// Hashtags are dropped unless they are most of the text.
	withTags := total < minPlainLetters && tags > 0
	if withTags {
		total = 0
		for sc := range plain {
			plain[sc] += tagged[sc]
			total += plain[sc]
		}
	}
	// CJK characters carry about a word each: weigh them up against alphabetic letters.
	weighted := plain
	weighted[scriptHan] = 0
	weighted[scriptKana] = 2 * (plain[scriptKana] + plain[scriptHan])
	weighted[scriptHangul] *= 2
	best := scriptNone
	for sc := scriptLatin; sc < numScripts; sc++ {
		if weighted[sc] > weighted[best] {
			best = sc
		}
	}
	switch {
	case best == scriptNone || best == scriptOther:
		return
	case best == scriptKana:
		kana, han := plain[scriptKana], plain[scriptHan]
		if kana+han < 2 {
			return
		}
		share := float64(kana+han) / float64(total)
		// Japanese writes kana between its kanji; Chinese has none.
		if kana >= 2 || kana > 0 && kana*10 >= han {
			r.set(scriptLangs[scriptKana], share)
		} else {
			r.set(scriptLangs[scriptHan], share)
		}
	case plain[best] < minLetters, withTags && plain[best] < minTagLetters:
		return
	case best > modelScripts:
		r.set(scriptLangs[best], float64(plain[best])/float64(total))
	default:
		d.score(text, best, withTags, r)
	}
}
