package stem

import (
	"strings"
	"sync"
)

// StopWord reports whether the lower-case word is a stop word of language lang (ISO 639-1):
// a function word (article, pronoun, preposition, conjunction, particle, auxiliary) too
// common to tell texts apart. The lists are short (about 100–200 words) and hand-written
// for en ru uk pl cs sk de fr es it pt nl sv bg be hr sr bs; other languages have none and
// always give false. Serbian words are recognised in both scripts. Safe for concurrent use.
func StopWord(lang, word string) bool {
	set := stopSet(lang)
	if set == nil {
		return false
	}
	_, ok := set[word]
	return ok
}

var (
	stopOnce sync.Once
	stopSets map[string]map[string]struct{}
)

// stopSet returns the stop-word set of lang, building all sets on first use.
func stopSet(lang string) map[string]struct{} {
	stopOnce.Do(func() {
		stopSets = make(map[string]map[string]struct{}, len(stopLists))
		for l, words := range stopLists {
			set := make(map[string]struct{})
			for _, w := range strings.Fields(words) {
				set[w] = struct{}{}
				if l == "sr" {
					set[serbianToLatin(w)] = struct{}{}
				}
			}
			stopSets[l] = set
		}
		stopSets["bs"] = stopSets["hr"]
		stopSets["nb"] = stopSets["no"]
	})
	return stopSets[lang]
}
