package gen

import "math/rand/v2"

const (
	maxRefs = 32
	noRef   = -1 << 31
	// rewordP is the chance that a rewording switches an alternative group.
	rewordP = uint64((1 << 64) / 10 * 8)
)

// message is the content of an item before rendering: sentences (refs) and a headline. A ref
// >= 0 is a parallel unit (renderable in every language it exists in); a ref < 0 encodes
// template -(ref+1) & tplMask of one language. Copies render the same message, rewordings a
// varied one, and translations the same message in another language. seed fixes every choice
// and every fact (names, places) of the message, so the sentences of an article agree.
type message struct {
	class uint8
	narr  int16
	lang  uint8
	n     uint8
	words int // estimated words of title and sentences in lang
	seed  uint64
	title int32
	refs  [maxRefs]int32
}

const tplMask = 1<<24 - 1

// view says how to render a message.
type view struct {
	lang     uint8
	vseed    uint64 // non-zero: a rewording
	perm     bool   // shuffle the sentence order (rewordings)
	maxRunes int    // posts: stop adding sentences once the text is this long
}

// span locates a rendered claim sentence in the title or text, for the claim truth.
type span struct {
	claim      int16
	start, end int
	title      bool
}

// Shapes of a message (flags for buildMessage).
const (
	shapeArticle uint8 = 1 << iota // an article with a headline, 80 to 400 words
	shapeLong                      // a long post: three or more sentences when the pools allow
	// shapeFamily is a planted echo family's message: on the Kharkiv debate it uses parallel
	// units only (so that it can be translated) and no words of the poster's own.
	shapeFamily
)

// refWords is the estimated word count of ref in lang.
func (g *gen) refWords(ref int32, lang uint8) int {
	if ref >= 0 {
		t := g.lib.units[ref].tpl[lang]
		if t < 0 {
			return 0
		}
		return int(g.lib.tplWords[t])
	}
	return int(g.lib.tplWords[(-ref-1)&tplMask])
}

// add appends ref unless it is there already or the message is full.
func (g *gen) add(m *message, ref int32) bool {
	if int(m.n) >= maxRefs {
		return false
	}
	for i := range m.n {
		if m.refs[i] == ref {
			return false
		}
	}
	m.refs[m.n] = ref
	m.n++
	m.words += g.refWords(ref, m.lang)
	return true
}

// addAt adds ref like add and moves it to position i.
func (g *gen) addAt(m *message, ref int32, i int) bool {
	if !g.add(m, ref) {
		return false
	}
	i = min(max(i, 0), int(m.n)-1)
	copy(m.refs[i+1:m.n], m.refs[i:m.n-1])
	m.refs[i] = ref
	return true
}

// addFrom adds up to k distinct refs drawn from list, avoiding hot units while it can.
func (g *gen) addFrom(m *message, rng *rand.Rand, list []int32, k int) {
	for try := 0; k > 0 && try < 4*k+4 && len(list) > 0; try++ {
		r := list[rng.IntN(len(list))]
		if try < 3*k+2 && g.isHot(r) {
			continue
		}
		if g.add(m, r) {
			k--
		}
	}
}

// fillFrom adds distinct refs from list in random order until the message has budget words or
// limit refs of the list were added; hot units come last.
func (g *gen) fillFrom(m *message, rng *rand.Rand, list []int32, budget, limit int) {
	var idx [64]uint8
	n := min(len(list), len(idx))
	for i := range n {
		idx[i] = uint8(i)
	}
	hot := 0
	for i := 0; i < n && limit > 0 && m.words < budget && int(m.n) < maxRefs; i++ {
		j := i + rng.IntN(n-i)
		idx[i], idx[j] = idx[j], idx[i]
		if g.isHot(list[idx[i]]) {
			idx[hot], idx[i] = idx[i], idx[hot]
			hot++
			continue
		}
		if g.add(m, list[idx[i]]) {
			limit--
		}
	}
	for i := 0; i < hot && limit > 0 && m.words < budget && int(m.n) < maxRefs; i++ {
		if g.add(m, list[idx[i]]) {
			limit--
		}
	}
}

// hotUnit is a unit of a planted echo family, hot until the family's last member.
type hotUnit struct {
	ref   int32
	until int64
}

// maxHot bounds the hot units remembered (the oldest are forgotten first).
const maxHot = 256

// markHot records the units of a planted family's message as hot until the given time: other
// messages avoid them while the family runs, when their pools allow, so that unrelated items do
// not repeat the family's sentences (they still may, as people do).
func (g *gen) markHot(m *message, until int64) {
	mark := func(r int32) {
		if r < 0 {
			return
		}
		if len(g.hot) == maxHot {
			copy(g.hot, g.hot[1:])
			g.hot = g.hot[:maxHot-1]
		}
		g.hot = append(g.hot, hotUnit{r, until})
	}
	mark(m.title)
	for _, r := range m.refs[:m.n] {
		mark(r)
	}
}

// anyHot reports whether a sentence or the headline of m is hot.
func (g *gen) anyHot(m *message) bool {
	if g.isHot(m.title) {
		return true
	}
	for _, r := range m.refs[:m.n] {
		if g.isHot(r) {
			return true
		}
	}
	return false
}

// isHot reports whether ref is a unit of a family running at g.hotAt or ended less than
// g.hotPad before.
func (g *gen) isHot(ref int32) bool {
	if ref < 0 {
		return false
	}
	for i := range g.hot {
		if h := &g.hot[i]; h.ref == ref && h.until+g.hotPad > g.hotAt {
			return true
		}
	}
	return false
}

func tplRefs(ts []int32) []int32 {
	out := make([]int32, len(ts))
	for i, t := range ts {
		out[i] = -(t + 1)
	}
	return out
}

// articleWords draws an article length: 80 to 400 words, most between 100 and 250.
func articleWords(rng *rand.Rand) int {
	u := rng.Float64()
	return 80 + int(320*u*u)
}

// Articles use at most this share (percent) of a pool of sentences, so that two articles drawn
// from one pool share only some of their sentences.
const poolShare = 45

// minArticleWords is the shortest article body.
const minArticleWords = 80

// postSentences draws the number of sentences of an ordinary post.
func postSentences(rng *rand.Rand, long bool) int {
	if long {
		return 3 + rng.IntN(3)
	}
	switch u := rng.Float64(); {
	case u < 0.25:
		return 1
	case u < 0.65:
		return 2
	case u < 0.88:
		return 3
	}
	return 4
}

// buildMessage composes a message of the class in lang with the shape: an article (a headline,
// 80 to 400 words) or a post (long: at least three sentences when the pools allow). It falls
// back to the debate topic and then to chatter when lang lacks the class; ok reports whether
// the class was kept.
//
// Ordinary articles and posts draw distinct sentences from their topic's pools (an article at
// most poolShare of them), so unrelated items share a sentence now and then, with other facts,
// but rarely most of their words. Items on the Kharkiv debate carry one to a few parallel
// units (claims, support, true reporting, debunks) in the poster's own words or, in articles,
// with reporting whose facts vary; family messages (shapeFamily) keep to units.
func (g *gen) buildMessage(rng *rand.Rand, t int64, class uint8, narr int16, lang uint8, shape uint8) (message, bool) {
	g.hotAt = t
	article, long, family := shape&shapeArticle != 0, shape&shapeLong != 0, shape&shapeFamily != 0
	m := message{class: class, narr: narr, lang: lang, seed: rng.Uint64(), title: noRef}
	l := g.lib
	budget, titleWords := 0, 0
	if article {
		budget = articleWords(rng)
	}
	setTitle := func(list []int32) {
		m.title = list[rng.IntN(len(list))]
		titleWords = g.refWords(m.title, lang)
		m.words += titleWords
		budget += titleWords
	}
	frame := func(k uint8) []int32 { return l.frameRefs[k][lang] }
	// ownWords adds k sentences in the poster's own words from list, before the units (first)
	// or after them.
	ownWords := func(list []int32, k int, first bool) {
		for ; k > 0 && len(list) > 0; k-- {
			r := list[rng.IntN(len(list))]
			if first {
				g.addAt(&m, r, 0)
			} else {
				g.add(&m, r)
			}
		}
	}
	short := func() bool { return article && m.words-titleWords < minArticleWords }
	// pad pads a family's article body to the minimum length, from the lists in order.
	pad := func(lists ...[]int32) {
		for _, list := range lists {
			if !short() {
				return
			}
			g.fillFrom(&m, rng, list, titleWords+minArticleWords, len(list))
		}
	}
	// finish pads an article body to the minimum length from the lists in order, each up to
	// poolShare of it, with briefs from other topics (ordinary topics) before the last list
	// (boilerplate), then from the first list and the last without limit.
	finish := func(lists ...[]int32) {
		fill := func(list []int32) {
			if short() {
				g.fillFrom(&m, rng, list, titleWords+minArticleWords, g.room(&m, list))
			}
		}
		last := len(lists) - 1
		for _, list := range lists[:last] {
			fill(list)
		}
		if class < nTopics {
			for _, t := range briefTopics {
				if t != class && short() {
					g.fillFrom(&m, rng, l.artRefs[t][lang], titleWords+minArticleWords, 2)
				}
			}
		}
		fill(lists[last])
		pad(lists[0], lists[last])
	}
	switch class {
	case tFalse:
		if narr < 0 {
			narr = g.falseNarrs[rng.IntN(len(g.falseNarrs))]
			m.narr = narr
		}
		p := &g.pool[narr]
		claims, sup := p[ukClaim][lang], p[ukSupport][lang]
		frames := g.pool[g.framesNarr][ukPFrame][lang]
		tru := g.pool[g.trueNarr][ukTrue][lang]
		if len(claims)+len(sup) == 0 || article && len(p[ukTitle][lang]) == 0 {
			break
		}
		switch {
		case article:
			setTitle(p[ukTitle][lang])
			g.addFrom(&m, rng, claims, 1)
			if family {
				g.addFrom(&m, rng, sup, 1+rng.IntN(2))
				g.addFrom(&m, rng, claims, rng.IntN(2))
				g.addFrom(&m, rng, frames, 1+rng.IntN(2))
				g.addFrom(&m, rng, tru, 1+rng.IntN(3))
				pad(sup, tru, frames, tplRefs(l.frames[frFiller][lang]))
				break
			}
			g.addFrom(&m, rng, sup, few(rng, len(sup)))
			g.addFrom(&m, rng, frames, few(rng, len(frames)))
			ownWords(frame(frPro), 1+rng.IntN(2), false)
			g.fillFrom(&m, rng, frame(frContext), budget-25, len(frame(frContext))*poolShare/100)
			g.addFrom(&m, rng, tru, rng.IntN(2))
			finish(frame(frContext), sup, tru, frames, frame(frQuote), frame(frFiller))
		case long && rng.IntN(10) < 3 && len(claims) > 0:
			// Propaganda wrapped in true context: the claim next to real reporting.
			g.addFrom(&m, rng, tru, 1)
			g.addFrom(&m, rng, claims, 1)
			g.addFrom(&m, rng, tru, 1)
			if family {
				g.addFrom(&m, rng, sup, rng.IntN(2))
			} else {
				ownWords(frame(frPro), 1, false)
			}
		case long && family:
			// Families on one narrative share talking points, not whole messages.
			g.addFrom(&m, rng, claims, 1)
			g.addFrom(&m, rng, sup, 1)
			g.addFrom(&m, rng, frames, rng.IntN(2))
			if rng.IntN(10) < 4 {
				g.addFrom(&m, rng, tru, 1)
			} else {
				g.addFrom(&m, rng, sup, 1)
			}
		case long:
			g.addFrom(&m, rng, claims, 1)
			if rng.IntN(10) < 3 {
				g.addFrom(&m, rng, sup, 1)
			}
			ownWords(frame(frPro), 1+int(m.n), rng.IntN(3) == 0)
			ownWords(frame(frReact), rng.IntN(2), false)
		case family:
			if rng.IntN(10) < 7 {
				g.addFrom(&m, rng, claims, 1)
			}
			if m.n == 0 || rng.IntN(3) == 0 {
				g.addFrom(&m, rng, sup, 1)
			}
			if rng.IntN(4) == 0 {
				g.addFrom(&m, rng, frames, 1)
			}
		default:
			// A poster repeats one talking point with at least as many words of their own, so
			// that two posters of one talking point do not read like copies.
			if rng.IntN(10) < 7 {
				g.addFrom(&m, rng, claims, 1)
			} else {
				g.addFrom(&m, rng, sup, 1)
			}
			ownWords(frame(frPro), 2, rng.IntN(2) == 0)
			ownWords(frame(frReact), rng.IntN(2), false)
		}
		if m.n > 0 {
			return m, true
		}
	case tTrue, tDebunk:
		tru := g.pool[g.trueNarr][ukTrue][lang]
		opinion := l.postRefs[tDebate][lang]
		if class == tTrue {
			titles := g.pool[g.trueNarr][ukTTitle][lang]
			if len(tru) == 0 || article && len(titles) == 0 {
				break
			}
			switch {
			case article && family:
				setTitle(titles)
				g.addFrom(&m, rng, tru, 3)
				g.fillFrom(&m, rng, tru, budget, 3)
				pad(tru, tplRefs(l.frames[frFiller][lang]))
			case article:
				setTitle(titles)
				g.addFrom(&m, rng, tru, few(rng, len(tru)))
				ownWords(frame(frQuote), rng.IntN(2), false)
				g.fillFrom(&m, rng, frame(frContext), budget-25, len(frame(frContext))*poolShare/100)
				finish(frame(frContext), tru, frame(frQuote), frame(frFiller))
			case long && family:
				g.addFrom(&m, rng, tru, 3)
			case long:
				g.addFrom(&m, rng, tru, 1+b2i(rng.IntN(10) < 3))
				ownWords(opinion, 1+int(m.n), rng.IntN(2) == 0)
			case family:
				g.addFrom(&m, rng, tru, 1+rng.IntN(2))
			default:
				// News in a sentence, with the poster's own view around it.
				g.addFrom(&m, rng, tru, 1)
				ownWords(opinion, 2, rng.IntN(2) == 0)
				ownWords(frame(frReact), rng.IntN(2), false)
			}
			return m, true
		}
		if narr < 0 || len(g.pool[narr][ukDebunk][lang]) == 0 {
			narr = g.falseNarrs[rng.IntN(len(g.falseNarrs))]
		}
		p := &g.pool[narr]
		if len(p[ukDebunk][lang]) == 0 || article && len(p[ukDTitle][lang]) == 0 {
			break
		}
		m.narr = narr
		g.addFrom(&m, rng, p[ukDebunk][lang], 1)
		switch {
		case article:
			setTitle(p[ukDTitle][lang])
			if family {
				g.addFrom(&m, rng, p[ukDebunk][lang], 1)
				g.fillFrom(&m, rng, tru, budget, 4)
				pad(tru, tplRefs(l.frames[frFiller][lang]))
				break
			}
			g.addFrom(&m, rng, tru, few(rng, len(tru)))
			ownWords(frame(frQuote), rng.IntN(2), false)
			g.fillFrom(&m, rng, frame(frContext), budget-20, len(frame(frContext))*poolShare/100)
			finish(frame(frContext), tru, frame(frQuote), frame(frFiller))
		case family && (long || rng.IntN(2) == 0):
			g.addFrom(&m, rng, tru, 1+rng.IntN(2))
		case long:
			g.addFrom(&m, rng, tru, 1)
			ownWords(opinion, 3, rng.IntN(2) == 0)
		default:
			ownWords(opinion, 2, rng.IntN(2) == 0)
			ownWords(frame(frReact), rng.IntN(2), false)
		}
		return m, true
	default:
		if article {
			body := l.artRefs[class][lang]
			if len(body) == 0 || len(l.titleRefs[class][lang]) == 0 {
				break
			}
			setTitle(l.titleRefs[class][lang])
			quote := rng.IntN(10) < 6
			limit := max(len(body)*poolShare/100, 4)
			g.fillFrom(&m, rng, body, budget-12*b2i(quote), limit)
			if quote {
				if q := frame(frQuote); len(q) > 0 {
					g.addAt(&m, q[rng.IntN(len(q))], 1+rng.IntN(int(m.n)))
				}
			}
			if rng.IntN(10) < 3 {
				g.addFrom(&m, rng, frame(frFiller), 1)
			}
			finish(body, frame(frQuote), frame(frFiller))
			return m, true
		}
		news, own := l.newsRefs[class][lang], l.ownRefs[class][lang]
		if len(news)+len(own) == 0 {
			break
		}
		// The poster's own sentences and pieces of news, as many of each as the topic has (news
		// never bare: with a reaction), now and then a line about their day.
		k, personal := postSentences(rng, long), false
		for i := range k {
			switch {
			case i > 0 && class != tChatter && rng.IntN(4) == 0 && len(l.ownRefs[tChatter][lang]) > 0:
				g.addFrom(&m, rng, l.ownRefs[tChatter][lang], 1)
				personal = true
			case rng.IntN(len(news)+len(own)) >= len(news):
				g.addFrom(&m, rng, own, 1)
				personal = true
			default:
				g.addFrom(&m, rng, news, 1)
			}
		}
		if !personal && !family {
			// News shared with a line of the poster's own, or at least a reaction.
			switch {
			case len(own) > 0 && rng.IntN(3) > 0:
				g.addFrom(&m, rng, own, 1)
			case len(l.ownRefs[tChatter][lang]) > 0 && rng.IntN(2) == 0:
				g.addFrom(&m, rng, l.ownRefs[tChatter][lang], 1)
			default:
				ownWords(frame(frReact), 1, false)
			}
		} else if !family && rng.IntN(6) == 0 {
			ownWords(frame(frReact), 1, false)
		}
		return m, true
	}
	// Fallback: the debate topic for the Kharkiv debate, then chatter (every language has it).
	if class >= nTopics && len(l.postRefs[tDebate][lang]) > 0 && (!article || len(l.titleRefs[tDebate][lang]) > 0 && len(l.artRefs[tDebate][lang]) > 0) {
		m, _ = g.buildMessage(rng, t, tDebate, -1, lang, shape)
		return m, false
	}
	if class != tChatter {
		c := uint8(tChatter)
		if article {
			c = g.articleTopic(lang)
		}
		m, _ = g.buildMessage(rng, t, c, -1, lang, shape)
	}
	return m, false
}

// briefTopics are the topics whose article sentences pad a short article on another topic
// ("in other news"), in order.
var briefTopics = [...]uint8{tLocal, tWeather, tPrices, tSport, tTech, tCelebrity, tCooking, tChatter}

// room is how many more sentences of list an article may take: poolShare of the list (at
// least two), less those it has.
func (g *gen) room(m *message, list []int32) int {
	n := max(len(list)*poolShare/100, 2)
	for _, r := range m.refs[:m.n] {
		for _, x := range list {
			if x == r {
				n--
				break
			}
		}
	}
	return max(n, 0)
}

// few is how many units an item on the Kharkiv debate (not a family's) takes from a pool of n:
// about a sixth of it, at least one, so that two such items rarely share most of theirs.
func few(rng *rand.Rand, n int) int {
	return max(1, n/6+rng.IntN(2))
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// articleTopic is a topic with headlines in lang (every language has weather or local news).
func (g *gen) articleTopic(lang uint8) uint8 {
	for _, t := range []uint8{tLocal, tWeather, tPrices, tSport, tChatter} {
		if len(g.lib.titleRefs[t][lang]) > 0 && len(g.lib.artRefs[t][lang]) > 0 {
			return t
		}
	}
	return tChatter
}

// reworded returns m with one sentence replaced by another of the same kind (when the pools
// allow); the caller also renders it with a variation seed and a shuffled order.
func (g *gen) reworded(m message, h uint64, article bool) message {
	if m.n < 2 {
		return m
	}
	i := 1 + int(h%uint64(m.n-1))
	r := m.refs[i]
	var pool []int32
	switch {
	case r >= 0:
		u := &g.lib.units[r]
		if u.kind == ukClaim {
			return m
		}
		pool = g.pool[u.narr][u.kind][m.lang]
	case m.class < nTopics && article:
		pool = g.lib.artRefs[m.class][m.lang]
	case m.class < nTopics:
		pool = g.lib.postRefs[m.class][m.lang]
	}
	if len(pool) < 2 || m.n < 3 || mix(h^0x77)%10 >= 3 {
		return m
	}
	for try := range 6 {
		c := pool[mix(h+uint64(try))%uint64(len(pool))]
		dup := false
		for k := range m.n {
			dup = dup || m.refs[k] == c
		}
		if !dup {
			m.refs[i] = c
			break
		}
	}
	return m
}
