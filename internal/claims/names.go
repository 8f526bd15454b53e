package claims

// markNames sets the Key of capitalised words and the Name flag of proper names among
// tokens.
//
// Every capitalised word that is not a stop word (nor part of a hashtag, handle or link)
// gets a cross-script Key, so that a name written in Cyrillic meets its Latin spelling
// wherever it stands. Name is stricter: a capitalised word that does not start a sentence,
// or an acronym of up to six capitals; in a text written in title case or capitals, where
// capitals say nothing, only acronyms.
func markNames(tokens []Token, lang string) {
	words, caps := 0, 0
	for _, t := range tokens {
		if t.Kind == Word && t.Flags&(Stop|InTag|InMention|InURL|Trailer) == 0 && len(t.Norm) > 1 {
			words++
			if t.Flags&Capital != 0 {
				caps++
			}
		}
	}
	caseless := words >= 4 && caps*4 >= words*3
	for i := range tokens {
		t := &tokens[i]
		if t.Kind != Word || t.Flags&Capital == 0 || t.Flags&(Stop|InTag|InMention|InURL) != 0 || len(t.Norm) < 2 {
			continue
		}
		if t.w != nil && t.w.key != "" {
			t.Key, t.key2 = t.w.key, t.w.key2
		} else {
			t.Key = nameKey(t.Norm)
			if k := nameKey(t.Term); k != t.Key {
				t.key2 = k
			}
		}
		acronym := t.Flags&AllCaps != 0 && len(t.Norm) <= 6
		if acronym || !caseless && t.Flags&Start == 0 {
			t.Flags |= Name
		}
	}
}
