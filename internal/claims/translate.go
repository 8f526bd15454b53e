package claims

import (
	"strings"
	"sync"

	"fimi/internal/text/stem"
)

// Pair is one translation: a foreign word and an English word or phrase, lower-case (the
// shape of text/lexicon's pairs, which convert with Pair(p)).
type Pair struct{ Foreign, English string }

// Dictionary is the bilingual dictionary the matcher translates query words with: every
// (foreign, English) pair it knows for a language. Pairs is called at most once per language,
// possibly concurrently for different languages; the matcher builds its own stem-keyed
// tables from the result and keeps no reference to it.
type Dictionary interface {
	Pairs(lang string) []Pair
}

// DictionaryFunc adapts a function to a Dictionary, for example over text/lexicon:
//
//	claims.DictionaryFunc(func(l string) []claims.Pair {
//		var out []claims.Pair
//		for _, p := range lex.Pairs(l) {
//			out = append(out, claims.Pair(p))
//		}
//		return out
//	})
type DictionaryFunc func(lang string) []Pair

// Pairs calls f.
func (f DictionaryFunc) Pairs(lang string) []Pair { return f(lang) }

// maxTranslations is the most English stems kept for one foreign stem.
const maxTranslations = 8

// dictFallbacks names the dictionaries read for a language, best first: languages without a
// dictionary of their own borrow a close one's (the Serbo-Croatian stemmer is shared, and
// Serbian Cyrillic is stemmed in Latin).
var dictFallbacks = map[string][]string{
	"sr": {"sr", "hr"}, "bs": {"hr", "sr"}, "hr": {"hr", "sr"}, "me": {"hr", "sr"},
	"sk": {"sk", "cs"}, "cs": {"cs", "sk"}, "uk": {"ru"}, "be": {"ru"}, "mk": {"bg"},
	"no": {"da", "sv"}, "nb": {"da", "sv"},
}

// translations holds, per dictionary language, foreign stems → English stems, built on first
// use from the Dictionary.
type translations struct {
	dict  Dictionary
	mu    sync.Mutex
	tabs  map[string]*transTable
	langs sync.Map // query language -> *translator
}

type transTable struct {
	once sync.Once
	lang string
	m    map[string][]string
}

func newTranslations(d Dictionary) *translations {
	return &translations{dict: d, tabs: map[string]*transTable{}}
}

// table returns the table of dictionary language l, building it on first use.
func (t *translations) table(l string) *transTable {
	t.mu.Lock()
	tab, ok := t.tabs[l]
	if !ok {
		tab = &transTable{lang: l}
		t.tabs[l] = tab
	}
	t.mu.Unlock()
	tab.once.Do(func() { tab.m = buildTable(l, t.dict.Pairs(l)) })
	return tab
}

// buildTable keys the pairs by the stem of their foreign word (single words only) and keeps
// the stems of the content words of the English side, single-word translations first.
func buildTable(l string, pairs []Pair) map[string][]string {
	m := make(map[string][]string, len(pairs)/2)
	add := func(key, e string) {
		list := m[key]
		if len(list) >= maxTranslations {
			return
		}
		for _, x := range list {
			if x == e {
				return
			}
		}
		m[key] = append(list, e)
	}
	for pass := range 2 {
		for _, p := range pairs {
			if strings.ContainsAny(p.Foreign, " -") || p.Foreign == "" {
				continue
			}
			words := strings.Fields(p.English)
			if (len(words) == 1) != (pass == 0) || len(words) > 3 {
				continue
			}
			key := stem.Stem(l, p.Foreign)
			for _, w := range words {
				w = strings.Trim(w, ".,;:!?()\"'")
				if w == "" || stem.StopWord("en", w) || w == "to" || w == "be" {
					continue
				}
				add(key, stem.Stem("en", w))
			}
		}
	}
	return m
}

// translator translates the words of one query language.
type translator struct {
	lang   string
	tables []*transTable
}

// translator returns the translator for query language lang, or nil for English, for an
// unknown language or without a Dictionary.
func (m *Matcher) translator(lang string) *translator {
	if m.trans.dict == nil || lang == "" || lang == "en" {
		return nil
	}
	if tr, ok := m.trans.langs.Load(lang); ok {
		return tr.(*translator)
	}
	langs := dictFallbacks[lang]
	if langs == nil {
		langs = []string{lang}
	}
	tr := &translator{lang: lang}
	for _, l := range langs {
		tr.tables = append(tr.tables, m.trans.table(l))
	}
	m.trans.langs.Store(lang, tr)
	return tr
}

// translate returns English stems for a folded word whose stem in the query language is
// term, from the first dictionary that knows its stem. The slice is shared: callers must
// not modify it.
func (tr *translator) translate(norm, term string) []string {
	for _, tab := range tr.tables {
		key := term
		if tab.lang != tr.lang {
			key = stem.Stem(tab.lang, norm)
		}
		if es := tab.m[key]; len(es) > 0 {
			return es
		}
	}
	return nil
}
