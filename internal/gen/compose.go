package gen

import (
	"bytes"
	"math/rand/v2"
	"strconv"
	"time"
)

func (g *gen) tplOf(ref int32, lang uint8) []node {
	if ref >= 0 {
		t := g.lib.units[ref].tpl[lang]
		if t < 0 {
			return nil
		}
		return g.lib.tpls[t]
	}
	return g.lib.tpls[(-ref-1)&tplMask]
}

func (g *gen) renderRef(dst []byte, m *message, ref int32, v view, title bool) []byte {
	c := chooser{seed: mix(m.seed ^ uint64(int64(ref))*0x9e3779b97f4a7c15), fseed: m.seed | 1}
	if v.vseed != 0 {
		c.vseed, c.vp = mix(v.vseed^uint64(int64(ref))), rewordP
	}
	start := len(dst)
	dst = c.render(dst, g.tplOf(ref, v.lang))
	if ref < 0 && len(dst) > start {
		capitalize(dst, start)
	}
	if ref >= 0 && g.lib.units[ref].claim >= 0 {
		g.spans = append(g.spans, span{claim: g.lib.units[ref].claim, start: start, end: len(dst), title: title})
	}
	return dst
}

func (g *gen) renderTitle(dst []byte, m *message, v view) []byte {
	if m.title == noRef {
		return dst
	}
	return g.renderRef(dst, m, m.title, v, true)
}

// renderBody renders the sentences; articles break into paragraphs of one to four sentences.
func (g *gen) renderBody(dst []byte, m *message, v view, article bool) []byte {
	var ord [maxRefs]uint8
	for i := range ord {
		ord[i] = uint8(i)
	}
	if v.perm {
		first := 0
		if article {
			first = 1
		}
		for i := int(m.n) - 1; i > first; i-- {
			j := first + int(mix(v.vseed^uint64(i)*0x2545f4914f6cdd1d)%uint64(i-first+1))
			ord[i], ord[j] = ord[j], ord[i]
		}
	}
	run, runes := 0, 0
	for k := range int(m.n) {
		if k > 0 {
			if v.maxRunes > 0 && runes >= v.maxRunes {
				break
			}
			if article && (run >= 4 || run >= 1 && mix(m.seed^uint64(k)*0xff51afd7ed558ccd)%5 < 2) {
				dst = append(dst, '\n', '\n')
				run = 0
			} else {
				dst = append(dst, ' ')
			}
		}
		at := len(dst)
		dst = g.renderRef(dst, m, m.refs[ord[k]], v, false)
		if v.maxRunes > 0 {
			runes += runeCount(dst[at:]) + 1
		}
		run++
	}
	return dst
}

// fitRefs returns how many of m's leading sentences fit in limit runes when rendered in lang
// (at least one).
func (g *gen) fitRefs(m *message, lang uint8, limit int) int {
	spans := len(g.spans)
	n, total := 0, 0
	for k := range int(m.n) {
		w := g.renderRef(g.scratch[:0], m, m.refs[k], view{lang: lang}, false)
		g.scratch = w[:0]
		total += runeCount(w) + 1
		if total > limit && k > 0 {
			break
		}
		n++
	}
	g.spans = g.spans[:spans]
	return max(n, 1)
}

// articleFromMsg renders an article (title, body, the outlet's footer, URL) into it.
func (g *gen) articleFromMsg(it *item, m *message, v view) {
	it.title = g.renderTitle(it.title, m, v)
	it.text = g.renderBody(it.text, m, v, true)
	if o := &g.outlets[it.outlet]; o.footer != 0 && len(g.lib.frames[frFooter][v.lang]) > 0 {
		it.text = append(it.text, "\n\n"...)
		it.text = g.renderFrame(it.text, frFooter, v.lang, o.footer)
	}
	it.class = m.class
	it.url = g.articleURL(it.outlet, m, it.t)
}

// postFromMsg renders a post body into it (after any mention already there).
func (g *gen) postFromMsg(it *item, m *message, v view) {
	if v.maxRunes == 0 {
		v.maxRunes = 230
		if it.plat != platTwitter {
			v.maxRunes = 700
		}
	}
	it.text = g.renderBody(it.text, m, v, false)
	it.class = m.class
}

var sectionNames = [nClasses]string{"life", "sport", "weather", "economy", "local", "tech", "people", "food", "opinion", "world", "news", "fact-check"}

func (g *gen) articleURL(outlet int32, m *message, t int64) string {
	b := g.scratch[:0]
	b = append(b, "https://"...)
	b = append(b, g.outlets[outlet].domain...)
	b = append(b, '/')
	b = append(b, sectionNames[m.class]...)
	b = time.Unix(t, 0).UTC().AppendFormat(b, "/2006/01/02/")
	switch {
	case m.class < nTopics:
		b = append(b, topicNames[m.class]...)
	case m.narr >= 0:
		b = append(b, g.lib.narrs[m.narr].id...)
	}
	b = append(b, '-')
	b = strconv.AppendUint(b, m.seed%(36*36*36*36), 36)
	b = append(b, '-')
	b = strconv.AppendInt(b, g.counters[platWeb]+1, 10)
	g.scratch = b
	return string(b)
}

// appendAuthor appends an article byline handle: one of five per outlet.
func (g *gen) appendAuthor(dst []byte, outlet int32, t int64) []byte {
	o := &g.outlets[outlet]
	h := mix(uint64(outlet)<<8 ^ mix(uint64(t))%5 ^ g.acctKey)
	first := g.lib.words(int(o.lang), "hfirst")
	last := g.lib.words(int(o.lang), "hlast")
	dst = append(dst, first[h%uint64(len(first))]...)
	dst = append(dst, '.')
	return append(dst, last[(h>>24)%uint64(len(last))]...)
}

func (g *gen) renderFrame(dst []byte, kind uint8, lang uint8, h uint64) []byte {
	pool := g.lib.frames[kind][lang]
	start := len(dst)
	dst = chooser{seed: h}.render(dst, g.lib.tpls[pool[h%uint64(len(pool))]])
	if len(dst) > start {
		capitalize(dst, start)
	}
	return dst
}

// shiftSpans moves the text spans at or after pos by delta bytes.
func (g *gen) shiftSpans(pos, delta int) {
	for i := range g.spans {
		s := &g.spans[i]
		if s.title {
			continue
		}
		if s.start >= pos {
			s.start += delta
		}
		if s.end >= pos {
			s.end += delta
		}
	}
}

// copyEdit applies the small edits of a near-verbatim copy: a prefix, an emoji, a truncation, a
// changed line break, a typo or a dropped last sentence (at least one).
func (g *gen) copyEdit(it *item, h uint64) {
	emoji := g.lib.words(nLang, "emoji")
	n := 0
	roll := func(k uint64, pct uint64) bool {
		if mix(h^k)%100 < pct {
			n++
			return true
		}
		return false
	}
	article := it.plat == platWeb
	if roll(1, 35) {
		pre := g.renderFrame(nil, frBreaking, it.lang, mix(h^11))
		pre = append(pre, ' ')
		if article {
			it.title = append(pre, it.title...)
		} else {
			it.text = append(pre, it.text...)
			g.shiftSpans(0, len(pre))
		}
	}
	if roll(3, 20) && countWords(it.text) >= 45 && (!article || countWords(it.text) >= 110) {
		// Truncate at 75-95% (posts) or drop the last paragraph (articles).
		if article {
			if i := bytes.LastIndex(it.text, []byte("\n\n")); i > 0 && countWords(it.text[:i]) >= 80 {
				it.text = it.text[:i]
			}
		} else {
			keep := runeCount(it.text) * int(75+mix(h^33)%21) / 100
			it.text = truncateRunes(it.text, keep)
		}
	}
	if roll(4, 25) {
		sep, rep := []byte(". "), []byte(".\n\n")
		if article {
			sep, rep = []byte("\n\n"), []byte("\n\n\n")
		}
		if i := bytes.Index(it.text, sep); i > 0 {
			it.text = append(it.text[:i], append(rep, it.text[i+len(sep):]...)...)
			g.shiftSpans(i+1, len(rep)-len(sep))
		}
	}
	if roll(5, 15) {
		typo(it.text, mix(h^55))
	}
	if roll(6, 12) && !article {
		if i := bytes.LastIndex(bytes.TrimRight(it.text, ". !?…"), []byte(". ")); i > len(it.text)/2 {
			it.text = it.text[:i+1]
		}
	}
	if roll(2, 30) || n == 0 {
		if article {
			it.title = append(it.title, ' ')
			it.title = append(it.title, emoji[mix(h^22)%uint64(len(emoji))]...)
		} else {
			it.text = append(it.text, ' ')
			it.text = append(it.text, emoji[mix(h^22)%uint64(len(emoji))]...)
		}
	}
}

// typo swaps two inner letters of an ASCII word of five or more letters, if there is one.
func typo(b []byte, h uint64) {
	n := len(b)
	if n < 10 {
		return
	}
	start := int(h % uint64(n))
	for i := start; i < n-6; i++ {
		if b[i] != ' ' {
			continue
		}
		j := i + 1
		for j < n && (b[j]|0x20 >= 'a' && b[j]|0x20 <= 'z') {
			j++
		}
		if j-i-1 >= 5 {
			b[i+2], b[i+3] = b[i+3], b[i+2]
			return
		}
	}
}

// familyItem renders a member of an echo family.
func (g *gen) familyItem(rng *rand.Rand, p *planned, it *item) {
	f := p.fam
	h := mix(f.key ^ p.seq*0x9e3779b97f4a7c15)
	m := f.msg
	v := view{lang: p.lang}
	if p.plat != platWeb {
		// A post carries the lead of the message: the sentences that fit the platform with room
		// for a link and tags, cut before rewording so that a rewording says what the
		// original post would have said.
		limit := 220
		if p.plat != platTwitter {
			limit = 850
		}
		m.n = uint8(g.fitRefs(&m, f.msg.lang, limit))
		v.maxRunes = 1 << 20
	}
	switch p.role {
	case roleReword:
		m = g.reworded(m, h, p.plat == platWeb)
		v.vseed, v.perm = h|1, true
	case roleTranslate:
		// Translators choose their own words: vary the alternatives, keep the order.
		v.vseed = h | 1
	}
	if p.plat == platWeb {
		g.articleFromMsg(it, &m, v)
	} else {
		g.postFromMsg(it, &m, v)
	}
	if p.role == roleCopy {
		g.copyEdit(it, h)
	}
	if it.plat != platWeb {
		switch {
		case f.origURL != "" && rng.IntN(5) < 4:
			g.addLink(rng, it, f.origURL)
		case f.link != "" && rng.IntN(5) < 3:
			g.addLink(rng, it, f.link)
		}
		g.addTags(rng, it, m.narr, m.class, 0.5)
		if p.role == roleOriginal {
			it.popular = rng.IntN(2) == 0
		}
	}
}

// shareText makes it a retweet, forward or share of the item id.
func (g *gen) shareText(rng *rand.Rand, it *item, id string, acct int32, lang uint8, prefix string) {
	it.shares = id
	if it.plat == platTwitter && acct >= 0 {
		it.text = append(it.text, "RT @"...)
		it.text = g.appendHandle(it.text, acct, g.account(acct).lang)
		it.text = append(it.text, ": "...)
		it.text = append(it.text, prefix...)
		it.text = append(it.text, "…"...)
		it.lang = lang
		return
	}
	it.text = g.renderFrame(it.text, frShare, it.lang, rng.Uint64())
}

// markExtras records where the body ends before the first link, hashtag or emoji is appended.
func (it *item) markExtras() {
	if it.extra < 0 {
		it.extra = len(it.text)
	}
}

// addLink attaches a variant of the canonical URL: in urls, and in the text (twitter shows a
// t.co link; facebook often only attaches it).
func (g *gen) addLink(rng *rand.Rand, it *item, canonical string) {
	it.markExtras()
	v := g.urlVariant(rng, canonical, it.plat)
	it.urls = append(it.urls, v)
	switch {
	case it.plat == platTwitter:
		it.text = append(it.text, " https://t.co/"...)
		it.text = appendBase62(it.text, mix(strHash(v)^uint64(it.t)), 10)
	case it.plat == platFacebook && rng.IntN(5) < 2:
	default:
		it.text = append(it.text, ' ')
		it.text = append(it.text, v...)
	}
}

const base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

func appendBase62(dst []byte, h uint64, n int) []byte {
	for range n {
		dst = append(dst, base62[h%62])
		h = h/62 ^ mix(h)
	}
	return dst
}

// urlVariant decorates a canonical URL the way shared links look in the wild: www., mixed-case
// host, http, utm_* or fbclid parameters, a fragment. Canonicalising (lower-case host without
// www., https, no tracking parameters or fragment) gives back the canonical URL.
func (g *gen) urlVariant(rng *rand.Rand, canonical string, plat uint8) string {
	rest, ok := cutPrefix(canonical, "https://")
	if !ok {
		return canonical
	}
	host, path := rest, ""
	if i := indexByte([]byte(rest), '/'); i < len(rest) {
		host, path = rest[:i], rest[i:]
	}
	b := make([]byte, 0, len(canonical)+64)
	if rng.IntN(10) == 0 {
		b = append(b, "http://"...)
	} else {
		b = append(b, "https://"...)
	}
	if rng.IntN(4) == 0 {
		b = append(b, "www."...)
	}
	if rng.IntN(5) == 0 {
		up := true
		for i := 0; i < len(host); i++ {
			c := host[i]
			if up && c >= 'a' && c <= 'z' {
				c -= 'a' - 'A'
			}
			up = c == '.' || c == '-'
			b = append(b, c)
		}
	} else {
		b = append(b, host...)
	}
	b = append(b, path...)
	sep := byte('?')
	if indexByte([]byte(path), '?') < len(path) {
		sep = '&'
	}
	switch r := rng.IntN(20); {
	case r < 7:
		b = append(b, sep)
		b = append(b, "utm_source="...)
		b = append(b, platNames[plat]...)
		b = append(b, "&utm_medium=social"...)
		if r < 3 {
			b = append(b, "&utm_campaign="...)
			b = appendBase62(b, rng.Uint64(), 6)
		}
	case r < 9 && plat == platFacebook:
		b = append(b, sep)
		b = append(b, "fbclid=IwAR"...)
		b = appendBase62(b, rng.Uint64(), 22)
	case r < 10 && plat == platTwitter:
		b = append(b, sep)
		b = append(b, "s=20"...)
	}
	if rng.IntN(25) == 0 {
		b = append(b, "#comments"...)
	}
	return string(b)
}

func cutPrefix(s, p string) (string, bool) {
	if len(s) >= len(p) && s[:len(p)] == p {
		return s[len(p):], true
	}
	return s, false
}

// externalURL makes a canonical link to a site outside the corpus, by content class.
func (g *gen) externalURL(rng *rand.Rand, class uint8) string {
	b := make([]byte, 0, 96)
	words := g.lib.words(nLang, "slug")
	slug := func() {
		for i := range 2 + rng.IntN(3) {
			if i > 0 {
				b = append(b, '-')
			}
			b = append(b, words[rng.IntN(len(words))]...)
		}
	}
	r := rng.IntN(5)
	switch {
	case class == tFalse && r == 0:
		b = append(b, "https://rumble.com/v4"...)
		b = strconv.AppendUint(b, rng.Uint64()%(36*36*36*36*36), 36)
		b = append(b, '-')
		slug()
		b = append(b, ".html"...)
	case class == tFalse && r == 1:
		b = append(b, "https://t.me/"...)
		ch := g.lib.words(nLang, "tgchannel")
		b = append(b, ch[rng.IntN(len(ch))]...)
		b = append(b, '/')
		b = strconv.AppendInt(b, 1000+rng.Int64N(90000), 10)
	case class == tFalse && r == 2:
		b = append(b, "https://bitchute.com/video/"...)
		b = appendBase62(b, rng.Uint64(), 12)
		b = append(b, '/')
	case class == tFalse && r == 3:
		b = append(b, "https://odysee.com/@"...)
		ch := g.lib.words(nLang, "tgchannel")
		b = append(b, ch[rng.IntN(len(ch))]...)
		b = append(b, ":7/"...)
		slug()
		b = append(b, ":3"...)
	case class == tTrue && r < 2:
		b = append(b, "https://nato.int/cps/en/natohq/news_"...)
		b = strconv.AppendInt(b, 220000+rng.Int64N(9000), 10)
		b = append(b, ".htm"...)
	case class == tTrue && r == 2:
		b = append(b, "https://whitehouse.gov/briefing-room/statements-releases/2024/"...)
		slug()
		b = append(b, '/')
	case class < nTopics && r == 0:
		b = append(b, "https://instagram.com/p/"...)
		b = appendBase62(b, rng.Uint64(), 11)
		b = append(b, '/')
	case class < nTopics && r == 1:
		b = append(b, "https://reddit.com/r/"...)
		subs := g.lib.words(nLang, "subreddit")
		b = append(b, subs[rng.IntN(len(subs))]...)
		b = append(b, "/comments/"...)
		b = strconv.AppendUint(b, rng.Uint64()%(36*36*36*36*36*36), 36)
		b = append(b, '/')
		slug()
		b = append(b, '/')
	case class < nTopics && r == 2:
		b = append(b, "https://open.spotify.com/track/"...)
		b = appendBase62(b, rng.Uint64(), 22)
	default:
		b = append(b, "https://youtube.com/watch?v="...)
		b = appendBase62(b, rng.Uint64(), 11)
	}
	return string(b)
}

// addTags appends one to three hashtags with probability p, from the narrative or topic.
func (g *gen) addTags(rng *rand.Rand, it *item, narr int16, class uint8, p float64) {
	if rng.Float64() >= p {
		return
	}
	var pool []string
	switch {
	case class < nTopics:
		if pool = g.lib.topics[class].tags[it.lang]; len(pool) == 0 {
			pool = g.lib.topics[class].tags[0]
		}
	case narr >= 0:
		if pool = g.lib.narrs[narr].tags[it.lang]; len(pool) == 0 {
			pool = g.lib.narrs[narr].tags[0]
		}
	}
	if len(pool) == 0 {
		return
	}
	it.markExtras()
	k := 1 + rng.IntN(3)
	for range k {
		t := pool[rng.IntN(len(pool))]
		dup := false
		for _, x := range it.tags {
			dup = dup || x == t
		}
		if dup {
			continue
		}
		it.tags = append(it.tags, t)
		it.text = append(it.text, " #"...)
		it.text = append(it.text, t...)
	}
}

// fitPost cuts a post to its platform's limit, shortening the body and keeping links and tags.
func (g *gen) fitPost(it *item) {
	if it.plat == platWeb {
		return
	}
	limit := platMaxText[it.plat]
	if runeCount(it.text) <= limit {
		return
	}
	body := it.text
	var extras []byte
	if it.extra >= 0 && it.extra < len(it.text) {
		extras = append(g.scratch[:0], it.text[it.extra:]...)
		g.scratch = extras
		body = it.text[:it.extra]
	}
	room := limit - runeCount(extras)
	if room < 40 {
		// Too many extras: drop them from the text (the lists keep them).
		extras, room = nil, limit
	}
	it.text = append(truncateRunes(body, room), extras...)
}

// organicItem generates an ordinary item.
func (g *gen) organicItem(rng *rand.Rand, t int64) {
	it := g.reset(t)
	if rng.Float64() < g.orgArticleP {
		g.organicArticle(rng, it)
	} else {
		g.organicPost(rng, it)
	}
	g.fitPost(it)
	g.finish(it)
}

// articleMix is the class mix of each outlet kind; narrative classes scale with the day's
// intensity.
var articleMix = [nOutletKinds][nClasses]float64{
	okMainstream: {tLocal: 12, tSport: 10, tTech: 8, tCelebrity: 9, tPrices: 13, tWeather: 8, tCooking: 5, tDebate: 5, tTrue: 20},
	okPro:        {tFalse: 55, tDebate: 10, tTrue: 8, tPrices: 10, tCelebrity: 7, tLocal: 5, tChatter: 5},
	okLocal:      {tLocal: 35, tWeather: 20, tPrices: 20, tSport: 10, tCooking: 10, tChatter: 5},
	okTech:       {tTech: 90, tPrices: 10},
	okSport:      {tSport: 100},
	okFact:       {tDebunk: 75, tTrue: 25},
}

func (g *gen) weightedClass(rng *rand.Rand, w *[nClasses]float64, t int64) uint8 {
	f := g.intensity[g.day(t)]
	var c [nClasses]float64
	total := 0.0
	for k, x := range w {
		if k == tFalse || k == tTrue || k == tDebunk || k == tDebate {
			x *= f
		}
		total += x
		c[k] = total
	}
	u := rng.Float64() * total
	for k := range c {
		if u < c[k] {
			return uint8(k)
		}
	}
	return tChatter
}

func (g *gen) organicArticle(rng *rand.Rand, it *item) {
	o := int32(pick(g.outletCum, rng.Float64()))
	out := &g.outlets[o]
	it.plat, it.outlet, it.lang, it.declare = platWeb, o, out.lang, out.declares
	class := g.weightedClass(rng, &articleMix[out.kind], it.t)
	narr := int16(-1)
	if class == tFalse || class == tDebunk {
		narr = g.pickNarr(rng, it.t)
	}
	if class == tTrue {
		narr = g.trueNarr
	}
	m, _ := g.buildMessage(rng, it.t, class, narr, out.lang, shapeArticle)
	g.articleFromMsg(it, &m, view{lang: out.lang})
}

// postMix is the class mix of narrative posts per stance.
var postMix = [3][nClasses]float64{
	stNeutral:    {tTrue: 55, tDebate: 30, tDebunk: 10, tFalse: 5},
	stProUA:      {tTrue: 45, tDebate: 30, tDebunk: 25},
	stProKremlin: {tFalse: 60, tDebate: 25, tTrue: 15},
}

var stanceMult = [3]float64{0.7, 1.8, 3}

func (g *gen) organicPost(rng *rand.Rand, it *item) {
	ai := g.pickPoster(rng)
	a := g.account(ai)
	it.acct, it.plat, it.lang = ai, a.plat, a.lang
	pShare := 0.16
	if int(ai) < g.nHyper {
		pShare = 0.35
	}
	switch u := rng.Float64(); {
	case u < pShare:
		if e := g.popular[a.plat].pickAge(rng, it.t, 3*3600); e != nil {
			g.shareText(rng, it, itemID(e.plat, e.num), e.acct, e.lang, e.prefix)
			return
		}
	case u < pShare+0.13:
		if e := g.recent[a.plat].pickAge(rng, it.t, 2400); e != nil && e.acct != ai {
			it.reply = itemID(e.plat, e.num)
			if a.plat == platTwitter {
				it.text = append(it.text, '@')
				it.text = g.appendHandle(it.text, e.acct, g.account(e.acct).lang)
				it.text = append(it.text, ' ')
			}
			start := len(it.text)
			it.text = g.renderFrame(it.text, frReply, a.lang, rng.Uint64())
			if rng.IntN(5) < 2 {
				m, _ := g.buildMessage(rng, it.t, []uint8{tDebate, tChatter}[rng.IntN(2)], -1, a.lang, 0)
				it.text = append(it.text, ' ')
				g.postFromMsg(it, &m, view{lang: a.lang, maxRunes: 120})
			}
			hb := g.habit(ai, a.lang)
			g.closing(rng, it, &hb, a.lang, start, true)
			return
		}
	}
	class := uint8(tChatter)
	narr := int16(-1)
	pN := g.opt.NarrativeShare * g.intensity[g.day(it.t)] * stanceMult[a.stance]
	if a.net >= 0 {
		pN = 0.3
	}
	switch {
	case rng.Float64() < pN:
		class = g.weightedClass(rng, &postMix[a.stance], it.t)
		if class == tFalse || class == tDebunk {
			narr = g.pickNarr(rng, it.t)
			if a.net >= 0 && rng.IntN(2) == 0 {
				narr = g.nets[a.net].narrs[0]
			}
		}
	case rng.IntN(10) >= 3:
		class = a.topics[rng.IntN(3)]
	}
	if class == tTrue {
		narr = g.trueNarr
	}
	longP := [nPlat]float64{0.08, 0.4, 0.3}
	if a.plat == platTwitter && rng.IntN(8) == 0 {
		it.text = append(it.text, '@')
		x := g.pickOrdinary(rng)
		it.text = g.appendHandle(it.text, x, g.account(x).lang)
		it.text = append(it.text, ' ')
	}
	shape := uint8(0)
	if rng.Float64() < longP[a.plat] {
		shape = shapeLong
	}
	m, _ := g.buildMessage(rng, it.t, class, narr, a.lang, shape)
	if a.plat == platTwitter && m.class >= nTopics && m.words > 36 {
		// Too long for a tweet: the poster's own words come first and the talking point is
		// cut short, rather than the other way round.
		ownFirst(&m)
	}
	hb := g.habit(ai, a.lang)
	start := len(it.text)
	g.opening(rng, it, &hb, a.lang)
	if m.class >= nTopics && rng.IntN(5) < 2 {
		// People rarely post a bare news sentence: add a lead-in of their own.
		it.text = g.renderFrame(it.text, frShare, a.lang, rng.Uint64())
		it.text = append(it.text, ' ')
	}
	g.postFromMsg(it, &m, view{lang: a.lang})
	g.closing(rng, it, &hb, a.lang, start, m.class < nTopics)
	if rng.IntN(10) < 3 {
		g.organicLink(rng, it, m.class)
	}
	g.addTags(rng, it, m.narr, m.class, 0.3)
	switch {
	case int(ai) < g.nHyper:
		it.popular = rng.IntN(4) == 0
	default:
		it.popular = rng.IntN(30) == 0
	}
}

// ownFirst moves the poster's own sentences (template refs) before the units, keeping their
// order.
func ownFirst(m *message) {
	var units [maxRefs]int32
	n, k := 0, 0
	for _, r := range m.refs[:m.n] {
		if r >= 0 {
			units[k] = r
			k++
		} else {
			m.refs[n] = r
			n++
		}
	}
	copy(m.refs[n:m.n], units[:k])
}

// organicLink links a recent article of the class (or any recent article), else an outside site.
func (g *gen) organicLink(rng *rand.Rand, it *item, class uint8) {
	if rng.IntN(10) < 7 {
		r := &g.articles[class]
		if r.n == 0 {
			r = &g.articles[rng.IntN(nClasses)]
		}
		if e := r.pickAge(rng, it.t, 6*3600); e != nil {
			g.addLink(rng, it, e.url)
			return
		}
	}
	g.addLink(rng, it, g.externalURL(rng, class))
}
