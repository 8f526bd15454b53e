package gen

import "math/rand/v2"

// habit is how an ordinary account writes. Like the account, it is derived from the account's
// index by hashing and never stored: an opening phrase and a sign-off that the account uses in
// some of its posts (always the same ones), its two favourite emoji and how often it adds one,
// and typographic quirks. Habits set the posts of different people apart and make one
// person's posts recognisable.
type habit struct {
	opener, signoff uint64 // frame seeds of its opening phrase and sign-off (0: none)
	openP, signP    int    // percent of its posts that carry them
	emoji           [2]uint64
	emojiP          int  // percent of its posts with an emoji
	lower           bool // writes in lower case (Latin script only)
	noStop          bool // leaves out the final full stop
}

// latin marks the languages written in Latin script.
var latin = func() (m [nLang]bool) {
	for _, l := range []string{"en", "de", "fr", "pl", "cs", "es", "it", "sk", "ro", "hu", "lt", "lv", "et", "pt"} {
		m[langIndex(l)] = true
	}
	return m
}()

func (g *gen) habit(ai int32, lang uint8) habit {
	h := mix(g.acctKey ^ uint64(ai)*0xd6e8feb86659fd93 ^ 0x4ab1)
	var hb habit
	if h%100 < 30 && len(g.lib.frames[frOpener][lang]) > 0 {
		hb.opener = mix(h^1) | 1
		hb.openP = 20 + int(mix(h^2)%50)
	}
	if (h>>8)%100 < 45 && len(g.lib.frames[frSignoff][lang]) > 0 {
		hb.signoff = mix(h^3) | 1
		hb.signP = 30 + int(mix(h^4)%60)
	}
	hb.emoji = [2]uint64{mix(h ^ 5), mix(h ^ 6)}
	switch u := (h >> 16) % 100; {
	case u < 35:
		hb.emojiP = 0
	case u < 80:
		hb.emojiP = 10 + int(mix(h^7)%30)
	default:
		hb.emojiP = 50 + int(mix(h^8)%50)
	}
	hb.lower = latin[lang] && (h>>24)%100 < 6
	hb.noStop = (h>>32)%100 < 15
	return hb
}

// opening writes the account's opening phrase into it, when it uses it in this post.
func (g *gen) opening(rng *rand.Rand, it *item, hb *habit, lang uint8) {
	if hb.opener != 0 && rng.IntN(100) < hb.openP {
		it.text = g.renderFrame(it.text, frOpener, lang, hb.opener)
		it.text = append(it.text, ' ')
	}
}

// closing applies the account's quirks to the text written since start and adds its sign-off
// and an emoji, as the account does.
func (g *gen) closing(rng *rand.Rand, it *item, hb *habit, lang uint8, start int, quirks bool) {
	body := it.text[start:]
	if quirks && hb.noStop && len(body) > 1 && body[len(body)-1] == '.' && body[len(body)-2] != '.' {
		it.text = it.text[:len(it.text)-1]
	}
	if hb.signoff != 0 && rng.IntN(100) < hb.signP {
		it.text = append(it.text, ' ')
		it.text = g.renderFrame(it.text, frSignoff, lang, hb.signoff)
	}
	if quirks && hb.lower {
		// ASCII only: the length stays, so claim spans stay valid.
		for i := start; i < len(it.text); i++ {
			if c := it.text[i]; c >= 'A' && c <= 'Z' {
				it.text[i] = c + 'a' - 'A'
			}
		}
	}
	if rng.IntN(100) < hb.emojiP {
		it.markExtras()
		emoji := g.lib.words(nLang, "emoji")
		e := hb.emoji[rng.IntN(2)]
		if rng.IntN(4) == 0 {
			e = rng.Uint64()
		}
		it.text = append(it.text, ' ')
		it.text = append(it.text, emoji[e%uint64(len(emoji))]...)
	}
}
