package gen

import (
	"crypto/sha256"
	"encoding/hex"
	"math"
	"math/rand/v2"
	"slices"
)

// Network kinds.
const (
	kindCoLink uint8 = iota
	kindCoShare
	kindCoText
)

// network is a coordinated group: accounts base..base+size-1, all writing in lang.
type network struct {
	kind    uint8
	plat    uint8
	lang    uint8
	base    int32
	size    int32
	narrs   [2]int16
	outlet  int32   // pro-Kremlin outlet whose articles co-link bursts push
	channel int32   // ordinary account whose posts co-share bursts forward; -1 if none
	gap     float64 // mean seconds between members in a burst
	part    float64 // chance a member joins a later burst
}

// burstAt is a scheduled burst: the k-th of network net.
type burstAt struct {
	t   int64
	net int32
	k   int32
}

// burst is the state of one burst while its items are emitted.
type burst struct {
	net        int32
	kind       uint8
	seedRing   bool // co-share of an existing popular post
	url        string
	key        string
	target     string // co-share: id of the shared item
	targetAcct int32
	targetLang uint8
	prefix     string
	msg        message
	items      []string
	left       int
}

// family is an echo family while its members are emitted.
type family struct {
	id      int
	msg     message
	key     uint64
	origID  string
	origURL string // canonical URL when the original is an article
	link    string // external link the family carries, canonical
	left    int
}

// viral is an organic viral moment: one article and many unrelated accounts posting its link.
type viral struct {
	msg   message
	url   string
	items []string
	left  int
}

// netLangWeight is the audience language of coordinated networks.
var netLangWeight = [nLang]float64{18, 30, 4, 9, 7, 4, 3, 5, 5, 3, 3, 3, 2, 2, 1, 1, 1, 2, 1, 2, 1}

func (g *gen) buildNetworks() {
	rng := rand.New(rand.NewPCG(uint64(g.opt.Seed), 0x0e7))
	g.netLangCum = cumTable(netLangWeight[:])
	langCum := g.netLangCum
	base := int32(g.nOrg)
	for k := range g.opt.networks {
		n := network{base: base, channel: -1}
		switch u := rng.Float64(); {
		case k < 3: // every kind is present
			n.kind = uint8(k)
		case u < 0.4:
			n.kind = kindCoLink
		case u < 0.75:
			n.kind = kindCoShare
		default:
			n.kind = kindCoText
		}
		u := rng.Float64()
		n.size = 4 + int32(26*u*math.Sqrt(u))
		n.lang = uint8(pick(langCum, rng.Float64()))
		n.plat = uint8(pick(cumTable([]float64{50, 30, 20}), rng.Float64()))
		n.narrs[0] = g.falseNarrs[rng.IntN(len(g.falseNarrs))]
		n.narrs[1] = g.falseNarrs[rng.IntN(len(g.falseNarrs))]
		n.outlet = g.outletFor(okPro, n.lang, rng.Uint64())
		n.gap = 2 + 38*rng.Float64()
		n.part = 0.55 + 0.4*rng.Float64()
		n.channel = g.findAccount(rng, n.lang, stProKremlin, n.plat, true)
		g.nets = append(g.nets, n)
		base += n.size
	}
	g.nNet = int(base) - g.nOrg
	// Bursts: 3 to 12 per network inside an active window of 3 to 20 days, at least an hour
	// apart, starting six hours in and ending 20 minutes before the end.
	lo, hi := g.start+6*3600, g.end-1200
	for k := range g.nets {
		if hi-lo < 3600 {
			break
		}
		dur := int64(3+rng.IntN(18)) * 86400
		if dur > hi-lo {
			dur = hi - lo
		}
		ws := lo + rng.Int64N(hi-lo-dur+1)
		nb := 3 + rng.IntN(10)
		ts := make([]int64, 0, nb)
		for range nb {
			ts = append(ts, ws+rng.Int64N(dur))
		}
		slices.Sort(ts)
		last := int64(math.MinInt64 / 2)
		for _, t := range ts {
			if t-last < 3600 {
				continue
			}
			g.bursts = append(g.bursts, burstAt{t: t, net: int32(k)})
			last = t
		}
	}
	slices.SortStableFunc(g.bursts, func(a, b burstAt) int {
		if a.t != b.t {
			return cmpInt64(a.t, b.t)
		}
		return int(a.net - b.net)
	})
	// Number each network's bursts in time order; the first one includes every member.
	seen := make([]int32, len(g.nets))
	for i := range g.bursts {
		b := &g.bursts[i]
		b.k = seen[b.net]
		seen[b.net]++
	}
}

func cmpInt64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// indexAccounts samples up to accountSample ordinary (not very active) accounts per language
// and stance, visiting accounts in a scrambled order so the sample is spread over the
// activity range. It is the only per-account table and its size does not grow with Items.
func (g *gen) indexAccounts() {
	lo, span := g.nHyper, g.nOrg-g.nHyper
	if span <= 0 {
		lo, span = 0, g.nOrg
	}
	step := 1_000_003 % span
	for step == 0 || gcd(step, span) != 1 {
		step++
	}
	full := 0
	for j, i := 0, 0; j < span && full < nLang*3; j++ {
		a := g.account(int32(lo + i))
		l := &g.byLang[a.lang][a.stance]
		if len(*l) < accountSample {
			*l = append(*l, int32(lo+i))
			if len(*l) == accountSample {
				full++
			}
		}
		i = (i + step) % span
	}
}

const accountSample = 4096

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// findAccount returns an ordinary account in the language with the stance (any stance for
// stNeutral, falling back to any when none exists), preferring the platform (plat >= nPlat:
// any). strict returns -1 when no account of the language, stance and platform is found.
func (g *gen) findAccount(rng *rand.Rand, lang, stance, plat uint8, strict bool) int32 {
	lists := &g.byLang[lang]
	var l []int32
	if stance != stNeutral && len(lists[stance]) > 0 {
		l = lists[stance]
	} else {
		n := len(lists[0]) + len(lists[1]) + len(lists[2])
		if n == 0 {
			if strict {
				return -1
			}
			return g.pickOrdinary(rng)
		}
		k := rng.IntN(n)
		for s := range lists {
			if k < len(lists[s]) {
				l = lists[s]
				break
			}
			k -= len(lists[s])
		}
	}
	if strict && stance != stNeutral && len(lists[stance]) == 0 {
		return -1
	}
	best := l[rng.IntN(len(l))]
	for try := 0; try < 12 && plat < nPlat && g.account(best).plat != plat; try++ {
		best = l[rng.IntN(len(l))]
	}
	if strict && plat < nPlat && g.account(best).plat != plat {
		return -1
	}
	return best
}

// planSlice plans the families, bursts and viral moments that start in slice s and hands every
// planned item (all before the end of the corpus) to out.
func (g *gen) planSlice(s int, out func(*planned)) {
	lo, hi := g.bound(s), g.bound(s+1)
	rng := rand.New(rand.NewPCG(uint64(g.opt.Seed), mix(uint64(s)<<8|0x02)))
	emit := func(p planned) {
		p.seq = g.seq
		g.seq++
		out(&p)
	}
	for range g.alloc(g.famTotal, s) {
		g.planFamily(rng, lo+rng.Int64N(max(hi-lo, 1)), emit)
	}
	for g.burstI < len(g.bursts) && g.bursts[g.burstI].t < hi {
		g.planBurst(rng, g.bursts[g.burstI], emit)
		g.burstI++
	}
	for range g.alloc(g.virTotal, s) {
		g.planViral(rng, lo+rng.Int64N(max(hi-lo, 1)), emit)
	}
}

// famClass picks what a family is about and the language of its original.
func (g *gen) famClass(rng *rand.Rand, t int64) (class uint8, narr int16, lang uint8) {
	switch u := rng.Float64(); {
	case u < 0.6 && len(g.falseNarrs) > 0:
		return tFalse, g.pickNarr(rng, t), uint8(pick(g.netLangCum, rng.Float64()))
	case u < 0.8 && g.trueNarr >= 0:
		return tTrue, g.trueNarr, uint8(pick(g.langCum, rng.Float64()))
	default:
		tp := []uint8{tChatter, tLocal, tCelebrity, tCooking, tSport, tPrices}[rng.IntN(6)]
		return tp, -1, uint8(pick(g.langCum, rng.Float64()))
	}
}

// pickNarr picks a false narrative weighted by how hot it is on the day of t.
func (g *gen) pickNarr(rng *rand.Rand, t int64) int16 {
	d := g.day(t)
	total := 0.0
	for _, ni := range g.falseNarrs {
		total += g.narrDay[ni][d]
	}
	u := rng.Float64() * total
	for _, ni := range g.falseNarrs {
		u -= g.narrDay[ni][d]
		if u < 0 {
			return ni
		}
	}
	return g.falseNarrs[len(g.falseNarrs)-1]
}

func (g *gen) planFamily(rng *rand.Rand, t0 int64, emit func(planned)) {
	// The original must carry at least 30 words, so every echo has something to match.
	var (
		m       message
		class   uint8
		narr    int16
		lang    uint8
		article bool
		ok      bool
	)
	// A new family avoids the sentences of the families of the last ten days (others, three).
	g.hotPad = 7 * 86400
	for try := 0; try < 4 && !ok; try++ {
		class, narr, lang = g.famClass(rng, t0)
		pArticle := 0.2
		switch class {
		case tFalse:
			pArticle = 0.35
		case tTrue:
			pArticle = 0.6
		}
		article = rng.Float64() < pArticle
		shape := shapeLong | shapeFamily
		if article {
			shape |= shapeArticle
		}
		m, ok = g.buildMessage(rng, t0, class, narr, lang, shape)
		// Another family running with one of these sentences would make the two families
		// look like one: try another topic or language first.
		ok = ok && m.words >= 30 && (try == 3 || !g.anyHot(&m))
	}
	g.hotPad = 0
	if !ok {
		return
	}
	u := rng.Float64()
	size := 2 + int(58*u*u*u*u*u)
	var span float64
	switch u := rng.Float64(); {
	case u < 0.25:
		span = 600 + 4800*rng.Float64()
	case u < 0.65:
		span = 3600 + 11*3600*rng.Float64()
	default:
		span = 86400 + 3*86400*rng.Float64()
	}
	offs := make([]int64, size)
	for i := 1; i < size; i++ {
		u := rng.Float64()
		offs[i] = 1 + int64(span*u*u)
	}
	slices.Sort(offs)
	n := 0
	for n < size && t0+offs[n] < g.end {
		n++
	}
	// Make member times strictly increasing so every echo follows its original.
	for i := 1; i < n; i++ {
		if offs[i] <= offs[i-1] {
			offs[i] = offs[i-1] + 1
		}
	}
	for n > 0 && t0+offs[n-1] >= g.end {
		n--
	}
	if n < 2 {
		return
	}
	trans := g.translatable(&m)
	// A rewording needs alternatives to choose from; without them it would be a copy.
	rewordable := g.alternatives(&m) >= 3
	g.famN++
	g.markHot(&m, t0+offs[n-1]+3*86400)
	f := &family{id: g.famN, msg: m, key: rng.Uint64(), left: n}
	if class == tFalse || rng.IntN(3) == 0 {
		f.link = g.externalURL(rng, class)
	}
	var origOutlet int32 = -1
	used := make([]int32, 0, n)
	for i := range n {
		p := planned{t: t0 + offs[i], fam: f, lang: lang}
		switch {
		case i == 0:
			p.role = roleOriginal
		case class < nTopics:
			p.role = roleCopy
			if rng.Float64() >= 0.6 && rewordable {
				p.role = roleReword
			}
		default:
			wCopy, wReword := 0.45, 0.3
			if class == tTrue {
				wCopy, wReword = 0.5, 0.35
			}
			switch u := rng.Float64(); {
			case u < wCopy || u < wCopy+wReword && !rewordable || u >= wCopy+wReword && len(trans) == 0:
				p.role = roleCopy
			case u < wCopy+wReword:
				p.role = roleReword
			default:
				p.role = roleTranslate
				p.lang = trans[rng.IntN(len(trans))]
			}
		}
		okind := okMainstream
		stance := stNeutral
		switch class {
		case tFalse:
			okind, stance = okPro, stProKremlin
		case tTrue:
		default:
			okind = okLocal
		}
		if i == 0 && article || i > 0 && origOutlet >= 0 && rng.Float64() < 0.45 {
			o := g.outletFor(okind, p.lang, rng.Uint64())
			if o != origOutlet || i == 0 {
				p.plat, p.who = platWeb, o
				if i == 0 {
					origOutlet = o
				}
			}
		}
		if p.plat != platWeb {
			// Long posts (Telegram, Facebook) carry most echoes; Twitter gets its share.
			pref := []uint8{platTelegram, platFacebook, platTelegram, platTwitter}[rng.IntN(4)]
			p.who = g.findAccount(rng, p.lang, stance, pref, false)
			for try := 0; try < 3 && slices.Contains(used, p.who); try++ {
				p.who = g.findAccount(rng, p.lang, stance, pref, false)
			}
			used = append(used, p.who)
			p.plat = g.account(p.who).plat
		}
		emit(p)
	}
}

// alternatives counts the alternative groups in m's sentences in its language.
func (g *gen) alternatives(m *message) int {
	n := 0
	for i := range m.n {
		r := m.refs[i]
		if r >= 0 {
			if t := g.lib.units[r].tpl[m.lang]; t >= 0 {
				n += int(g.lib.tplAlts[t])
			}
		} else {
			n += int(g.lib.tplAlts[(-r-1)&tplMask])
		}
	}
	return n
}

// translatable lists the languages (other than the message's) in which every unit of m exists.
func (g *gen) translatable(m *message) []uint8 {
	if m.class < nTopics {
		return nil
	}
	mask := uint32(1<<nLang - 1)
	for i := range m.n {
		if m.refs[i] < 0 {
			return nil
		}
		mask &= g.lib.units[m.refs[i]].langs
	}
	if m.title >= 0 {
		mask &= g.lib.units[m.title].langs
	}
	mask &^= 1 << m.lang
	var out []uint8
	for li := range nLang {
		if mask&(1<<li) != 0 {
			out = append(out, uint8(li))
		}
	}
	return out
}

func (g *gen) planBurst(rng *rand.Rand, ba burstAt, emit func(planned)) {
	n := &g.nets[ba.net]
	b := &burst{net: ba.net, kind: n.kind}
	t := ba.t
	members := make([]int32, 0, n.size)
	for m := range n.size {
		if ba.k == 0 || rng.Float64() < n.part {
			members = append(members, n.base+m)
		}
	}
	for len(members) < int(min(3, n.size)) {
		m := n.base + rng.Int32N(n.size)
		if !slices.Contains(members, m) {
			members = append(members, m)
		}
	}
	rng.Shuffle(len(members), func(i, j int) { members[i], members[j] = members[j], members[i] })
	var fam *family
	switch n.kind {
	case kindCoLink:
		if rng.Float64() < 0.7 {
			b.msg, _ = g.buildMessage(rng, t, tFalse, n.narrs[0], g.outlets[n.outlet].lang, shapeArticle)
			emit(planned{t: t, bst: b, role: roleSeed, plat: platWeb, who: n.outlet, lang: g.outlets[n.outlet].lang})
			t += 20 + rng.Int64N(100)
		} else {
			b.url = g.externalURL(rng, tFalse)
			b.key = b.url
		}
	case kindCoShare:
		if n.channel >= 0 && rng.Float64() < 0.75 {
			var ok bool
			if b.msg, ok = g.buildMessage(rng, t, tFalse, n.narrs[rng.IntN(2)], n.lang, shapeLong*uint8(rng.IntN(2))); !ok {
				b.msg, _ = g.buildMessage(rng, t, tDebate, -1, n.lang, 0)
			}
			emit(planned{t: t, bst: b, role: roleSeed, plat: n.plat, who: n.channel, lang: n.lang})
			t += 15 + rng.Int64N(75)
		} else {
			b.seedRing = true
		}
	case kindCoText:
		m, ok := g.buildMessage(rng, t, tFalse, n.narrs[rng.IntN(2)], n.lang, shapeLong|shapeFamily)
		if !ok {
			m, _ = g.buildMessage(rng, t, tDebate, -1, n.lang, shapeLong|shapeFamily)
		}
		g.famN++
		g.markHot(&m, t+3600)
		fam = &family{id: g.famN, msg: m, key: rng.Uint64(), left: len(members)}
	}
	b.left = len(members)
	// Members follow each other by Exp(gap) seconds; the whole burst stays within 8 minutes.
	offs := make([]int64, len(members))
	acc := 0.0
	for i := range offs {
		acc += 1 + rng.ExpFloat64()*n.gap
		offs[i] = int64(acc)
	}
	if acc > 480 {
		for i := range offs {
			offs[i] = offs[i] * 480 / int64(acc)
		}
	}
	for i, m := range members {
		p := planned{t: t + offs[i] + int64(i), bst: b, role: roleMember, plat: g.account(m).plat, lang: n.lang, who: m}
		if fam != nil {
			p.fam, p.role = fam, roleCopy
			if i == 0 {
				p.role = roleOriginal
			}
		}
		emit(p)
	}
}

func (g *gen) planViral(rng *rand.Rand, t0 int64, emit func(planned)) {
	lang := uint8(pick(g.langCum, rng.Float64()))
	v := &viral{}
	class := uint8(tTrue)
	if rng.IntN(5) < 2 {
		class = []uint8{tSport, tCelebrity, tTech}[rng.IntN(3)]
	}
	m, ok := g.buildMessage(rng, t0, class, g.trueNarr, lang, shapeArticle)
	if !ok {
		lang = 0
		m, _ = g.buildMessage(rng, t0, class, g.trueNarr, lang, shapeArticle)
	}
	v.msg = m
	okind := okMainstream
	if class == tSport {
		okind = okSport
	} else if class == tTech {
		okind = okTech
	}
	emit(planned{t: t0, vir: v, role: roleViralStory, plat: platWeb, who: g.outletFor(okind, lang, rng.Uint64()), lang: lang})
	u := rng.Float64()
	n := 8 + int(25*u*u)
	t := t0 + 30 + rng.Int64N(90)
	for range n {
		t += 1 + int64(rng.ExpFloat64()*6)
		if t >= g.end {
			break
		}
		a := g.pickOrdinary(rng)
		emit(planned{t: t, vir: v, role: roleViralPost, plat: g.account(a).plat, lang: g.account(a).lang, who: a})
		v.left++
	}
}

// pickOrdinary picks an ordinary, not very active account with a heavy-tailed activity.
func (g *gen) pickOrdinary(rng *rand.Rand) int32 {
	x := rng.Float64()
	return int32(g.nHyper + int(float64(g.nOrg-g.nHyper)*x*x))
}

// pickPoster picks the author of an ordinary post: very active accounts, network members posting
// filler, or the heavy-tailed rest.
func (g *gen) pickPoster(rng *rand.Rand) int32 {
	u := rng.Float64()
	switch {
	case u < g.opt.HyperShare:
		return int32(rng.IntN(g.nHyper))
	case g.nNet > 0 && u < g.opt.HyperShare+0.012:
		return int32(g.nOrg + rng.IntN(g.nNet))
	}
	return g.pickOrdinary(rng)
}

// plannedItem emits a planned item and keeps the family, burst and viral bookkeeping.
func (g *gen) plannedItem(rng *rand.Rand, p *planned) {
	it := g.reset(p.t)
	it.plat, it.lang, it.role = p.plat, p.lang, p.role
	if p.plat == platWeb {
		it.outlet = p.who
		it.declare = g.outlets[p.who].declares
	} else {
		it.acct = p.who
	}
	switch {
	case p.fam != nil:
		g.familyItem(rng, p, it)
	case p.bst != nil && p.role == roleSeed:
		b := p.bst
		if p.plat == platWeb {
			g.articleFromMsg(it, &b.msg, view{lang: p.lang})
		} else {
			g.postFromMsg(it, &b.msg, view{lang: p.lang})
			g.addTags(rng, it, b.msg.narr, b.msg.class, 0.6)
			it.popular = true
		}
	case p.bst != nil:
		g.burstMember(rng, p, it)
	case p.role == roleViralStory:
		g.articleFromMsg(it, &p.vir.msg, view{lang: p.lang})
	default:
		g.viralPost(rng, p, it)
	}
	g.fitPost(it)
	num := g.finish(it)
	id := itemID(it.plat, num)
	if f := p.fam; f != nil {
		if p.role == roleOriginal {
			f.origID = id
			f.origURL = it.url
		}
		g.writeEcho(f, it.plat, num, p.role, it.lang)
		f.left--
	}
	if b := p.bst; b != nil {
		switch {
		case p.role == roleSeed && p.plat == platWeb:
			b.url, b.key = it.url, it.url
		case p.role == roleSeed:
			b.target, b.key, b.targetAcct, b.targetLang = id, id, it.acct, it.lang
			b.prefix = string(firstWords(it.text, 10))
		default:
			if b.kind == kindCoText && b.key == "" {
				sum := sha256.Sum256(it.text)
				b.key = hex.EncodeToString(sum[:12])
			}
			b.items = append(b.items, id)
			if b.left--; b.left == 0 && b.key != "" && len(b.items) > 1 {
				g.writeGroup("burst", int(b.net)+1, b.items, b.key)
			}
		}
	}
	if v := p.vir; v != nil {
		if p.role == roleViralStory {
			v.url = it.url
		} else {
			v.items = append(v.items, id)
			if v.left--; v.left == 0 && len(v.items) > 1 {
				g.writeGroup("viral", 0, v.items, v.url)
			}
		}
	}
}

// burstMember writes a co-link or co-share member post.
func (g *gen) burstMember(rng *rand.Rand, p *planned, it *item) {
	b := p.bst
	n := &g.nets[b.net]
	if b.kind == kindCoShare {
		if b.target == "" && b.seedRing {
			if e := g.popular[p.plat].pickAge(rng, p.t, 3600); e != nil {
				b.target, b.key, b.targetAcct, b.targetLang, b.prefix = itemID(e.plat, e.num), itemID(e.plat, e.num), e.acct, e.lang, e.prefix
			}
		}
		if b.target != "" {
			g.shareText(rng, it, b.target, b.targetAcct, b.targetLang, b.prefix)
			return
		}
	}
	// Co-link (or a co-share without a target): own words plus the pushed link.
	if rng.IntN(2) == 0 {
		m, ok := g.buildMessage(rng, p.t, tFalse, n.narrs[rng.IntN(2)], p.lang, 0)
		if ok {
			g.postFromMsg(it, &m, view{lang: p.lang, maxRunes: 180})
		}
	}
	if len(it.text) == 0 {
		it.text = g.renderFrame(it.text, frLink, p.lang, rng.Uint64())
	}
	if b.url != "" {
		g.addLink(rng, it, b.url)
	}
	g.addTags(rng, it, n.narrs[0], tFalse, 0.5)
}

func (g *gen) viralPost(rng *rand.Rand, p *planned, it *item) {
	v := p.vir
	if rng.IntN(3) == 0 && v.msg.title != noRef {
		it.text = g.renderTitle(it.text, &v.msg, view{lang: v.msg.lang})
		it.lang = v.msg.lang
	} else {
		it.text = g.renderFrame(it.text, frLink, p.lang, rng.Uint64())
	}
	g.addLink(rng, it, v.url)
}
