package gen

import (
	"bufio"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// The content library is plain text embedded from data/*.txt. Line grammar ('#' starts a comment):
//
//	@vocab <lang|*> <name>: a|b|c           vocabulary for [name] slots (repeatable, appends);
//	                                        lists group.form of one group are parallel
//	@pool <name>                            a phrase pool for [@name] slots; then
//	  <lang>: template                        a phrase (pools may use pools, not themselves)
//	@topic <name>                           ordinary-chatter topic; then
//	  <lang>: template                        a sentence for posts and articles
//	  <lang>.p: template                      a sentence for posts only (first person, chatty)
//	  <lang>.a: template                      a sentence for articles only (reporting)
//	  <lang>.t: template                      a headline
//	  <lang>#: Tag Tag                         hashtags (without '#')
//	@narrative <id> false|true [peaks=d,d]  a storyline; <lang>#: hashtags
//	@unit <narrative> <kind> [claim]        a sentence that exists as parallel translations
//	                                        (a headline may restate a claim defined before);
//	  <lang>: template                        kinds: support title debunk dtitle true ttitle pframe
//	@claim <cid> <narrative> verdict=.. day=.. lang=.. publisher=.. tags=a,b
//	  title: ...   keywords: a|b   <lang>: template (the claim sentence in that language)
//	@frame <kind>                           per-language pool (breaking outro reply share link
//	                                        filler quote context pro react opener signoff footer)
//	@publisher <key> <domain> <Name…>       a fictional fact-checker
//
//go:embed data/*.txt
var dataFS embed.FS

// langs is the fixed language order; indices into it are stored as uint8.
var langs = [...]string{"en", "ru", "uk", "de", "fr", "pl", "cs", "es", "it", "sk", "bg", "sr", "ro", "hu", "lt", "lv", "et", "be", "pt", "ar", "zh"}

const nLang = len(langs)

// coreLangs are the languages with full coverage (every topic, every narrative unit).
const nCore = 9

func langIndex(s string) int {
	for i, l := range langs {
		if l == s {
			return i
		}
	}
	return -1
}

// Unit kinds.
const (
	ukClaim uint8 = iota
	ukSupport
	ukTitle
	ukDebunk
	ukDTitle
	ukTrue
	ukTTitle
	ukPFrame
	nUnitKinds
)

var unitKindNames = [...]string{"claim", "support", "title", "debunk", "dtitle", "true", "ttitle", "pframe"}

// Frame kinds (per-language pools, not parallel).
const (
	frBreaking uint8 = iota
	frOutro
	frReply
	frShare
	frLink
	frFiller  // neutral sentences that pad ordinary articles (optional per language, as all below)
	frQuote   // a quote or attribution that reporting on any topic may carry
	frContext // war reporting with varying facts: context in articles on the Kharkiv debate
	frPro     // pro-Kremlin commentary in the poster's own words
	frReact   // a reaction in the poster's own words (any topic)
	frOpener  // a poster's habitual opening ("Ok so", "PSA:"), per account
	frSignoff // a poster's habitual sign-off, per account
	frFooter  // an outlet's one-line footer, per outlet
	nFrames
)

var frameNames = [...]string{"breaking", "outro", "reply", "share", "link", "filler", "quote", "context", "pro", "react", "opener", "signoff", "footer"}

type topic struct {
	name  string
	sent  [nLang][]int32 // posts and articles
	post  [nLang][]int32 // posts only
	art   [nLang][]int32 // articles only
	title [nLang][]int32
	tags  [nLang][]string
}

type unit struct {
	kind  uint8
	narr  int16
	claim int16 // claim index, -1 unless kind == ukClaim
	tpl   [nLang]int32
	langs uint32 // bit i set when tpl[i] exists
}

type narrative struct {
	id     string
	false_ bool
	units  [nUnitKinds][]int32
	tags   [nLang][]string
	peaks  []float64
}

type claimMeta struct {
	id        string
	narr      int
	unit      int32
	verdict   string
	day       int
	lang      int
	publisher int
	title     string
	keywords  []string
	tags      []string
}

type publisher struct {
	key, domain, name string
}

// library is the parsed content. It is immutable after loadLibrary and shared by all Write calls.
type library struct {
	tpls       [][]node
	tplWords   []uint16 // words of each template's canonical rendering
	tplAlts    []uint8  // alternative groups in each template
	tplSlots   []uint8  // vocabulary and number slots in each template (its facts)
	topics     []topic
	units      []unit
	narrs      []narrative
	claims     []claimMeta
	frames     [nFrames][nLang][]int32
	publishers []publisher
	vocab      [nLang + 1]map[string][]string // index nLang is "*"
	poolSrc    [nLang]map[string][]string     // pool phrases as written, by language and name
	pools      [nLang]map[string][][]node     // parsed pools (nil entry while parsing: a cycle)

	// Message refs (see message) of the topic sentences and frames, by language.
	postRefs, artRefs, titleRefs [nTopics][nLang][]int32
	newsRefs, ownRefs            [nTopics][nLang][]int32 // plain (news) and post-only sentences
	artWords                     [nTopics][nLang]int     // canonical words of artRefs
	frameRefs                    [nFrames][nLang][]int32
}

// index fills the message ref lists.
func (l *library) index() {
	for ti := range l.topics {
		t := &l.topics[ti]
		for li := range nLang {
			l.postRefs[ti][li] = tplRefs(slices.Concat(t.sent[li], t.post[li]))
			l.newsRefs[ti][li] = tplRefs(t.sent[li])
			l.ownRefs[ti][li] = tplRefs(t.post[li])
			l.artRefs[ti][li] = tplRefs(slices.Concat(t.sent[li], t.art[li]))
			l.titleRefs[ti][li] = tplRefs(t.title[li])
			for _, r := range l.artRefs[ti][li] {
				l.artWords[ti][li] += int(l.tplWords[-r-1])
			}
		}
	}
	for f := range nFrames {
		for li := range nLang {
			l.frameRefs[f][li] = tplRefs(l.frames[f][li])
		}
	}
}

func (l *library) topicIndex(name string) int {
	for i := range l.topics {
		if l.topics[i].name == name {
			return i
		}
	}
	return -1
}

func (l *library) narrIndex(id string) int {
	for i := range l.narrs {
		if l.narrs[i].id == id {
			return i
		}
	}
	return -1
}

func (l *library) words(lang int, name string) []string {
	if w, ok := l.vocab[lang][name]; ok {
		return w
	}
	return l.vocab[nLang][name]
}

var loadLibrary = sync.OnceValues(func() (*library, error) {
	files, err := fs.Glob(dataFS, "data/*.txt")
	if err != nil {
		return nil, err
	}
	l := &library{}
	for i := range l.vocab {
		l.vocab[i] = map[string][]string{}
	}
	for i := range l.poolSrc {
		l.poolSrc[i] = map[string][]string{}
		l.pools[i] = map[string][][]node{}
	}
	// Pass 1: vocabulary and pools, so templates anywhere can use them.
	for _, f := range files {
		pool := ""
		if err := eachLine(f, func(line string, no int) error {
			if line[0] == '@' {
				pool = ""
				if name, ok := strings.CutPrefix(line, "@pool "); ok {
					pool = strings.TrimSpace(name)
					if pool == "" || strings.ContainsAny(pool, " []{}|") {
						return fmt.Errorf("bad @pool")
					}
				}
			} else if pool != "" {
				key, val, ok := strings.Cut(line, ":")
				li := langIndex(key)
				if !ok || li < 0 {
					return fmt.Errorf("pool %s: expected <lang>: phrase", pool)
				}
				l.poolSrc[li][pool] = append(l.poolSrc[li][pool], strings.TrimSpace(val))
				return nil
			}
			if !strings.HasPrefix(line, "@vocab ") {
				return nil
			}
			f := strings.Fields(line)
			if len(f) < 3 {
				return fmt.Errorf("bad @vocab")
			}
			li := nLang
			if f[1] != "*" {
				if li = langIndex(f[1]); li < 0 {
					return fmt.Errorf("unknown language %q", f[1])
				}
			}
			name, list, ok := strings.Cut(strings.TrimPrefix(line, "@vocab "+f[1]+" "), ":")
			if !ok {
				return fmt.Errorf("bad @vocab")
			}
			for _, w := range strings.Split(list, "|") {
				if w = strings.TrimSpace(w); w != "" {
					l.vocab[li][name] = append(l.vocab[li][name], w)
				}
			}
			return nil
		}); err != nil {
			return nil, err
		}
	}
	// Pass 2: everything else.
	for _, f := range files {
		p := &libParser{l: l}
		if err := eachLine(f, p.line); err != nil {
			return nil, err
		}
	}
	if err := l.checkVocab(); err != nil {
		return nil, err
	}
	return l, l.check()
})

// checkVocab verifies that the forms of each vocabulary group are parallel.
func (l *library) checkVocab() error {
	for li := range nLang {
		names := map[string]bool{}
		for name := range l.vocab[li] {
			names[name] = true
		}
		for name := range l.vocab[nLang] {
			names[name] = true
		}
		groupLen := map[string]int{}
		sorted := make([]string, 0, len(names))
		for name := range names {
			sorted = append(sorted, name)
		}
		slices.Sort(sorted)
		for _, name := range sorted {
			group, _, _ := strings.Cut(name, ".")
			n := len(l.words(li, name))
			if m, ok := groupLen[group]; ok && m != n {
				return fmt.Errorf("library: %s vocabulary group %q: %s has %d words, another form %d", langs[li], group, name, n, m)
			}
			groupLen[group] = n
		}
	}
	return nil
}

// pool returns the parsed phrases of pool name in language li, parsing them on first use.
func (l *library) pool(li int, name string) ([][]node, error) {
	if p, ok := l.pools[li][name]; ok {
		if p == nil {
			return nil, fmt.Errorf("pool %q uses itself", name)
		}
		return p, nil
	}
	src := l.poolSrc[li][name]
	if len(src) == 0 {
		return nil, fmt.Errorf("unknown pool [@%s] in %s", name, langs[li])
	}
	l.pools[li][name] = nil
	out := make([][]node, 0, len(src))
	for _, s := range src {
		ns, err := l.parse(li, s)
		if err != nil {
			delete(l.pools[li], name)
			return nil, err
		}
		out = append(out, ns)
	}
	l.pools[li][name] = out
	return out, nil
}

// parse parses a template of language li.
func (l *library) parse(li int, s string) ([]node, error) {
	return parseTemplate(s, func(name string) ([]string, bool) {
		w := l.words(li, name)
		return w, w != nil
	}, func(name string) ([][]node, error) { return l.pool(li, name) })
}

func eachLine(name string, fn func(line string, no int) error) error {
	f, err := dataFS.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	no := 0
	for sc.Scan() {
		no++
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		if err := fn(line, no); err != nil {
			return fmt.Errorf("%s:%d: %w", path.Base(name), no, err)
		}
	}
	return sc.Err()
}

type libParser struct {
	l     *library
	mode  byte // 't' topic, 'n' narrative, 'u' unit, 'c' claim, 'f' frame
	topic int
	narr  int
	unit  int32
	claim int
	frame uint8
}

func (p *libParser) line(line string, _ int) error {
	l := p.l
	if line[0] == '@' {
		f := strings.Fields(line)
		switch f[0] {
		case "@vocab":
			p.mode = 0
			return nil
		case "@pool":
			p.mode = 'p' // read in pass 1
			return nil
		case "@topic":
			if len(f) != 2 {
				return fmt.Errorf("bad @topic")
			}
			p.mode, p.topic = 't', l.topicIndex(f[1])
			if p.topic < 0 {
				l.topics = append(l.topics, topic{name: f[1]})
				p.topic = len(l.topics) - 1
			}
		case "@narrative":
			if len(f) < 3 || l.narrIndex(f[1]) >= 0 {
				return fmt.Errorf("bad or duplicate @narrative")
			}
			n := narrative{id: f[1], false_: f[2] == "false"}
			for _, kv := range f[3:] {
				if v, ok := strings.CutPrefix(kv, "peaks="); ok {
					for _, d := range strings.Split(v, ",") {
						x, err := strconv.ParseFloat(d, 64)
						if err != nil {
							return fmt.Errorf("bad peak %q", d)
						}
						n.peaks = append(n.peaks, x)
					}
				}
			}
			l.narrs = append(l.narrs, n)
			p.mode, p.narr = 'n', len(l.narrs)-1
		case "@unit":
			if len(f) != 3 && len(f) != 4 {
				return fmt.Errorf("bad @unit")
			}
			ni := l.narrIndex(f[1])
			if ni < 0 {
				return fmt.Errorf("unknown narrative %q", f[1])
			}
			k := -1
			for i, name := range unitKindNames {
				if name == f[2] && i != int(ukClaim) {
					k = i
				}
			}
			if k < 0 {
				return fmt.Errorf("unknown unit kind %q", f[2])
			}
			ci := -1
			if len(f) == 4 {
				for i := range l.claims {
					if l.claims[i].id == f[3] {
						ci = i
					}
				}
				if ci < 0 {
					return fmt.Errorf("unknown claim %q", f[3])
				}
			}
			p.mode, p.unit = 'u', l.newUnit(uint8(k), ni, ci)
		case "@claim":
			if len(f) < 3 {
				return fmt.Errorf("bad @claim")
			}
			ni := l.narrIndex(f[2])
			if ni < 0 {
				return fmt.Errorf("unknown narrative %q", f[2])
			}
			c := claimMeta{id: f[1], narr: ni, verdict: "false", lang: 0}
			for _, kv := range f[3:] {
				k, v, _ := strings.Cut(kv, "=")
				switch k {
				case "verdict":
					c.verdict = v
				case "day":
					c.day, _ = strconv.Atoi(v)
				case "lang":
					if c.lang = langIndex(v); c.lang < 0 {
						return fmt.Errorf("unknown language %q", v)
					}
				case "publisher":
					c.publisher = -1
					for i := range l.publishers {
						if l.publishers[i].key == v {
							c.publisher = i
						}
					}
					if c.publisher < 0 {
						return fmt.Errorf("unknown publisher %q", v)
					}
				case "tags":
					c.tags = strings.Split(v, ",")
				default:
					return fmt.Errorf("unknown claim attribute %q", k)
				}
			}
			l.claims = append(l.claims, c)
			p.claim = len(l.claims) - 1
			l.claims[p.claim].unit = l.newUnit(ukClaim, ni, p.claim)
			p.mode, p.unit = 'c', l.claims[p.claim].unit
		case "@frame":
			k := -1
			for i, name := range frameNames {
				if len(f) == 2 && name == f[1] {
					k = i
				}
			}
			if k < 0 {
				return fmt.Errorf("bad @frame")
			}
			p.mode, p.frame = 'f', uint8(k)
		case "@publisher":
			if len(f) < 4 {
				return fmt.Errorf("bad @publisher")
			}
			l.publishers = append(l.publishers, publisher{key: f[1], domain: f[2], name: strings.Join(f[3:], " ")})
			p.mode = 0
		default:
			return fmt.Errorf("unknown directive %q", f[0])
		}
		return nil
	}
	if p.mode == 'p' {
		return nil
	}
	key, val, ok := strings.Cut(line, ":")
	if !ok {
		return fmt.Errorf("expected key: value")
	}
	val = strings.TrimSpace(val)
	if p.mode == 'c' {
		switch key {
		case "title":
			l.claims[p.claim].title = val
			return nil
		case "keywords":
			l.claims[p.claim].keywords = strings.Split(val, "|")
			return nil
		}
	}
	suffix := ""
	if strings.HasSuffix(key, "#") {
		key, suffix = key[:len(key)-1], "#"
	} else if i := strings.IndexByte(key, '.'); i >= 0 {
		key, suffix = key[:i], key[i:]
		if suffix != ".t" && suffix != ".a" && suffix != ".p" || p.mode != 't' {
			return fmt.Errorf("unknown key suffix %q", suffix)
		}
	}
	li := langIndex(key)
	if li < 0 {
		return fmt.Errorf("unknown language or key %q", key)
	}
	if suffix == "#" {
		tags := strings.Fields(val)
		switch p.mode {
		case 't':
			l.topics[p.topic].tags[li] = append(l.topics[p.topic].tags[li], tags...)
		case 'n':
			l.narrs[p.narr].tags[li] = append(l.narrs[p.narr].tags[li], tags...)
		default:
			return fmt.Errorf("hashtags outside @topic/@narrative")
		}
		return nil
	}
	t, err := l.addTemplate(li, val)
	if err != nil {
		return err
	}
	switch {
	case p.mode == 't' && suffix == "":
		l.topics[p.topic].sent[li] = append(l.topics[p.topic].sent[li], t)
	case p.mode == 't' && suffix == ".p":
		l.topics[p.topic].post[li] = append(l.topics[p.topic].post[li], t)
	case p.mode == 't' && suffix == ".a":
		l.topics[p.topic].art[li] = append(l.topics[p.topic].art[li], t)
	case p.mode == 't':
		l.topics[p.topic].title[li] = append(l.topics[p.topic].title[li], t)
	case (p.mode == 'u' || p.mode == 'c') && suffix == "":
		u := &l.units[p.unit]
		if u.tpl[li] >= 0 {
			return fmt.Errorf("duplicate language %s in unit", key)
		}
		u.tpl[li] = t
		u.langs |= 1 << li
	case p.mode == 'f' && suffix == "":
		l.frames[p.frame][li] = append(l.frames[p.frame][li], t)
	default:
		return fmt.Errorf("unexpected line")
	}
	return nil
}

func (l *library) newUnit(kind uint8, narr, claim int) int32 {
	u := unit{kind: kind, narr: int16(narr), claim: int16(claim)}
	for i := range u.tpl {
		u.tpl[i] = -1
	}
	l.units = append(l.units, u)
	id := int32(len(l.units) - 1)
	l.narrs[narr].units[kind] = append(l.narrs[narr].units[kind], id)
	return id
}

func (l *library) addTemplate(lang int, s string) (int32, error) {
	ns, err := l.parse(lang, s)
	if err != nil {
		return 0, err
	}
	l.tpls = append(l.tpls, ns)
	l.tplWords = append(l.tplWords, uint16(countWords(chooser{first: true}.render(nil, ns))))
	l.tplAlts = append(l.tplAlts, uint8(min(countAlts(ns), 255)))
	l.tplSlots = append(l.tplSlots, uint8(min(countSlots(ns), 255)))
	return int32(len(l.tpls) - 1), nil
}

// check verifies the invariants the generator relies on and puts the topics in topicNames order.
func (l *library) check() error {
	if len(l.topics) != nTopics {
		return fmt.Errorf("library: %d topics, want %d", len(l.topics), nTopics)
	}
	ordered := make([]topic, 0, nTopics)
	for _, name := range topicNames {
		ti := l.topicIndex(name)
		if ti < 0 {
			return fmt.Errorf("library: missing topic %q", name)
		}
		t := &l.topics[ti]
		for li := range nLang {
			if len(t.sent[li])+len(t.post[li])+len(t.art[li]) > 0 && len(t.title[li]) == 0 {
				return fmt.Errorf("library: topic %q has sentences but no headlines in %s", name, langs[li])
			}
		}
		if len(t.sent[0])+len(t.post[0]) == 0 {
			return fmt.Errorf("library: topic %q has no English sentences", name)
		}
		ordered = append(ordered, *t)
	}
	l.topics = ordered
	for _, id := range []string{"kharkiv", "frames"} {
		if l.narrIndex(id) < 0 {
			return fmt.Errorf("library: missing narrative %q", id)
		}
	}
	for li := range nLang {
		if len(l.topics[l.topicIndex("chatter")].sent[li])+len(l.topics[l.topicIndex("chatter")].post[li]) == 0 {
			return fmt.Errorf("library: no chatter in %s", langs[li])
		}
		for f := range frFiller {
			if len(l.frames[f][li]) == 0 {
				return fmt.Errorf("library: no %s frame in %s", frameNames[f], langs[li])
			}
		}
		for _, name := range []string{"hfirst", "hlast", "outletA", "outletB", "tld", "city", "city.in"} {
			if len(l.words(li, name)) == 0 {
				return fmt.Errorf("library: no vocabulary %q for %s", name, langs[li])
			}
		}
	}
	for i, c := range l.claims {
		u := l.units[c.unit]
		if u.tpl[0] < 0 || u.tpl[c.lang] < 0 || c.title == "" || c.publisher < 0 {
			return fmt.Errorf("library: claim %s needs en and own-language text, a title and a publisher", c.id)
		}
		if i > 0 && l.claims[i-1].id >= c.id {
			return fmt.Errorf("library: claim ids out of order at %s", c.id)
		}
	}
	for i := range l.units {
		if l.units[i].langs == 0 {
			return fmt.Errorf("library: unit %d of %s has no text", i, l.narrs[l.units[i].narr].id)
		}
	}
	l.tpls = compactTemplates(l.tpls)
	l.index()
	return nil
}

// countWords counts space-separated words; CJK characters count as half a word each.
func countWords(b []byte) int {
	n, in, cjk := 0, false, 0
	for _, r := range string(b) {
		switch {
		case r >= 0x3000 && r <= 0x9fff || r >= 0xff00 && r <= 0xffef:
			cjk++
			in = false
		case r == ' ' || r == '\n' || r == '\t':
			in = false
		default:
			if !in {
				n++
			}
			in = true
		}
	}
	return n + cjk/2
}

// countAlts counts the alternative groups a rendering passes through at least (for a pool, its
// poorest phrase).
func countAlts(ns []node) int {
	n := 0
	for i := range ns {
		switch ns[i].kind {
		case nodeChoice:
			n++
		case nodeAlt:
			n++
			for _, a := range ns[i].alts {
				n += countAlts(a)
			}
		case nodePool:
			m := -1
			for _, a := range ns[i].alts {
				if c := countAlts(a); m < 0 || c < m {
					m = c
				}
			}
			n += max(m, 0)
		}
	}
	return n
}

func countSlots(ns []node) int {
	n := 0
	for i := range ns {
		switch ns[i].kind {
		case nodeWord, nodeNum:
			n++
		case nodeAlt, nodePool:
			for _, a := range ns[i].alts {
				n += countSlots(a)
			}
		}
	}
	return n
}
