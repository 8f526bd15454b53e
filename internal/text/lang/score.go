package lang

import (
	"math"
	"math/bits"
	"unicode/utf8"
)

const (
	// stopMargin is the lead in nats over the runner-up after which score stops reading: the
	// odds against a change of the winner are then about e^-stopMargin for a model that fits.
	stopMargin = 24
	// minStopLetters is how many letters score reads at least before it may stop early.
	minStopLetters = 40
	// counterSize is the size of the per-text n-gram counter (a power of two). It is flushed
	// into the scores at flushAt distinct n-grams, which keeps it sparse, and at firstFlushAt
	// until minStopLetters letters were read, so that short, clear texts can stop early.
	counterSize  = 1024
	flushAt      = 256
	firstFlushAt = 96
)

// counter counts the distinct n-gram keys of a text before they are looked up, so that each
// is looked up once however often it occurs.
type counter struct {
	keys  [counterSize]uint32
	count [counterSize]uint16
	used  [flushAt]uint16 // slots in use
	n     int
	touch uint16 // keeps the loads of flush's first loop alive
}

func (c *counter) add(key uint32) {
	h := (key * 0x9E3779B1) >> (32 - 10)
	for {
		switch c.keys[h] {
		case key:
			c.count[h]++
			return
		case 0:
			c.keys[h] = key
			c.count[h] = 1
			c.used[c.n] = uint16(h)
			c.n++
			return
		}
		h = (h + 1) & (counterSize - 1)
	}
}

// flush adds the postings of the counted keys, times their counts, to acc and empties c.
func (c *counter) flush(sm *scriptModel, acc *[maxLangs]int32) {
	var refs [flushAt]uint32
	mask := uint32(len(sm.slots) - 1)
	// Find all slots, and touch their postings, before using any: independent loads let the
	// CPU overlap their cache misses.
	var touch uint16
	for i, h := range c.used[:c.n] {
		k := c.keys[h]
		j := sm.hash(k)
		s := sm.slots[j]
		for s.key != k && s.key != 0 {
			j = (j + 1) & mask
			s = sm.slots[j]
		}
		refs[i] = s.ref // 0 (no postings) for an empty slot
		touch ^= sm.posts[s.ref>>8]
	}
	c.touch = touch
	for i, h := range c.used[:c.n] {
		n := int32(c.count[h])
		c.keys[h] = 0
		ref := refs[i]
		off := ref >> 8
		for _, p := range sm.posts[off : off+ref&0xFF] {
			acc[p&(maxLangs-1)] += n * int32(p>>5)
		}
	}
	c.n = 0
}

// score computes the n-gram log-likelihood of each language of script sc for text, reading
// hashtags too when withTags is set.
func (d *Detector) score(text string, sc script, withTags bool, r *result) {
	m := d.m
	sm := m.scripts[sc]
	var (
		acc   [maxLangs]int32
		grams [maxOrder + 1]int32
		c     counter
		words [maxLangs]int32 // function words per language
	)
	limit := firstFlushAt
scan:
	for i := 0; i < len(text); {
		start, end, kind := nextToken(text, i)
		i = end
		if kind == tokenSkip || kind == tokenHashtag && !withTags {
			continue
		}
		var key uint32
		run := 0  // letters since the last n-gram break
		wlen := 0 // letters of the current word, -1 once it holds an unknown letter
		wh := uint64(wordHashInit)
		for j := start; j <= end; {
			if j == end {
				sm.countWord(wh, wlen, &words)
				break
			}
			var info uint16
			if b := text[j]; b < utf8.RuneSelf {
				info = m.info[b]
				j++
			} else if b&0xE0 == 0xC0 && j+1 < end {
				info = m.info[rune(b&0x1F)<<6|rune(text[j+1]&0x3F)]
				j += 2
			} else {
				r, size := utf8.DecodeRuneInString(text[j:end])
				info = m.runeInfo(r)
				j += size
			}
			if info == infoMark {
				continue
			}
			if script(info>>8) != sc {
				sm.countWord(wh, wlen, &words)
				run, wlen, wh = 0, 0, wordHashInit
				continue
			}
			s := info & 0xFF
			grams[1]++
			if s == 0 {
				// A letter no model knows: an unseen unigram that breaks n-grams and the word.
				run, wlen = 0, -1
				continue
			}
			if wlen >= 0 {
				wh = wordHash(wh, uint32(s))
				wlen++
			}
			key = key<<8 | uint32(s)
			run++
			c.add(key & 0xFF)
			if run >= 2 {
				c.add(key & 0xFFFF)
				grams[2]++
			}
			if run >= 3 {
				c.add(key & 0xFFFFFF)
				grams[3]++
			}
			if run >= 4 {
				c.add(key)
				grams[4]++
			}
			if c.n >= limit {
				c.flush(sm, &acc)
				if grams[1] >= minStopLetters {
					if sm.decided(&acc, &grams, &words) {
						break scan
					}
					limit = flushAt - maxOrder
				}
			}
		}
	}
	c.flush(sm, &acc)
	if grams[1] == 0 {
		return
	}
	r.n = len(sm.langs)
	r.langs = sm.langs
	sm.totals(&acc, &grams, &words, r.score[:r.n])
}

// countWord counts the word of hash h and length n for the languages listing it.
func (sm *scriptModel) countWord(h uint64, n int, words *[maxLangs]int32) {
	if n < 1 || n > maxWordLen {
		return
	}
	langs, marker := sm.wordLangs(h)
	for ; langs != 0; langs &= langs - 1 {
		l := bits.TrailingZeros32(langs)
		words[l] += 1 + int32(marker>>l&1)
	}
}

// totals turns accumulated posting values and n-gram counts into log-likelihoods.
func (sm *scriptModel) totals(acc *[maxLangs]int32, grams *[maxOrder + 1]int32, words *[maxLangs]int32, out []float64) {
	for l := range out {
		s := float64(acc[l])/valueScale + float64(sm.wordBonus)*float64(words[l]) + float64(sm.prior[l])
		for n := 1; n <= maxOrder; n++ {
			s += float64(grams[n]) * float64(sm.floor[n][l])
		}
		out[l] = s
	}
}

// decided reports whether the best language leads the runner-up by stopMargin.
func (sm *scriptModel) decided(acc *[maxLangs]int32, grams *[maxOrder + 1]int32, words *[maxLangs]int32) bool {
	var s [maxLangs]float64
	scores := s[:len(sm.langs)]
	sm.totals(acc, grams, words, scores)
	best, second := math.Inf(-1), math.Inf(-1)
	for _, v := range scores {
		if v > best {
			best, second = v, best
		} else if v > second {
			second = v
		}
	}
	return best-second >= stopMargin
}
