package claims

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"fimi/internal/text"
)

// Kind is what a token is.
type Kind uint8

// Token kinds.
const (
	Word   Kind = iota // letters (and digits mixed with letters)
	Number             // digits, normalised: "1,000" → "1000", "24 %" → "24%", "1,5" → "1.5"
	URL                // a link, canonicalised (text.CanonicalURL)
)

// Flags qualify a token.
type Flags uint16

// Token flags.
const (
	Stop      Flags = 1 << iota // a stop word (text/stem), or a word like "percent" folded into a number
	Name                        // a proper name: capitalised, not a stop word, not a common word at sentence start
	Capital                     // starts with an upper-case letter
	AllCaps                     // every letter upper-case (two letters or more)
	Start                       // first word of a sentence
	InTag                       // part of a #hashtag (split at case changes: #StopTheHate)
	InMention                   // part of an @handle
	InURL                       // a word of a link's path (https://x.org/nato-troops-border)
	Trailer                     // in an embedded-tweet trailer: "— Name (@handle) January 6, 2020"
	Year                        // a number between 1800 and 2100 written without separators
)

// Token is one unit of an analysed text. Start and End are byte offsets into the text as
// given (before any normalisation), so text[Start:End] is what the reader sees.
type Token struct {
	Start, End int
	Kind       Kind
	Flags      Flags
	Norm       string // folded form: NFKC, lower case; normalised number; canonical URL
	Term       string // matching key: the stem of Norm for words, Norm otherwise
	Key        string // cross-script key (text/translit) of a capitalised word
	key2       string // the key of its stem, when different
	w          *word  // the word's context-free analysis (nil for numbers, links and "U.S.")
}

// Has reports whether all of f are set.
func (t Token) Has(f Flags) bool { return t.Flags&f == f }

// Content reports whether the token carries meaning for matching: a word that is not a stop
// word, a number or a link.
func (t Token) Content() bool {
	return t.Kind != Word || t.Flags&Stop == 0 && len(t.Norm) > 1
}

// Analysis is an analysed text.
type Analysis struct {
	Text   string
	Lang   string
	Tokens []Token
	// Published is the date of an embedded-tweet trailer, if the text ends with one.
	Published time.Time
}

// Analyze analyses s as text of language lang (ISO 639-1; "" is taken as English for
// stemming and stop words). Pure and safe for concurrent use.
func Analyze(s, lang string) Analysis {
	a := Analysis{Text: s, Lang: lang}
	a.Tokens, a.Published = analyze(s, lang, nil, nil)
	return a
}

// maxAnalyzed bounds how many bytes of a text are analysed; the rest is ignored.
const maxAnalyzed = 64 << 10

// maxTokens bounds the tokens of one text.
const maxTokens = 4096

// span is a byte range of the text.
type span struct{ start, end int }

// trailerSpan is the span of an embedded-tweet trailer and where its date starts.
type trailerSpan struct{ start, end, date int }

// analyzer carries what analysing one text needs besides the text: the language, the word
// cache (nil: none) and a scratch buffer.
type analyzer struct {
	lang string
	wc   *wordCache
	buf  []byte
}

// analyze appends the tokens of s to dst, taking the analysis of words from wc (nil: none).
func analyze(s, lang string, dst []Token, wc *wordCache) ([]Token, time.Time) {
	if len(s) > maxAnalyzed {
		cut := maxAnalyzed
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut]
	}
	if lang == "" {
		lang = "en"
	}
	az := &analyzer{lang: lang, wc: wc}
	tokens := dst[:0]
	trailer, published := findTrailer(s)
	urls := findURLs(s)
	sentence := true // the next word starts a sentence
	ui := 0
	for i := 0; i < len(s) && len(tokens) < maxTokens; {
		if ui < len(urls) && i == urls[ui].start {
			u := urls[ui]
			tokens = az.appendURL(tokens, s, u)
			i = u.end
			ui++
			continue
		}
		end := len(s)
		if ui < len(urls) {
			end = urls[ui].start
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case (r == '#' || r == '@') && i+1 < end && !wordBefore(s, i):
			j := i + 1
			for j < end {
				r2, sz := utf8.DecodeRuneInString(s[j:])
				if !isWordRune(r2) && r2 != '_' {
					break
				}
				j += sz
			}
			if j > i+1 {
				flag := InTag
				if r == '@' {
					flag = InMention
				}
				tokens = az.appendCamel(tokens, s, i+1, j, flag)
				i = j
				continue
			}
			i += size
		case isWordRune(r):
			j := wordEnd(s, i, end)
			tokens = az.appendWord(tokens, s, i, j, sentence)
			sentence = false
			i = max(j, tokens[len(tokens)-1].End)
		default:
			if r == '.' || r == '!' || r == '?' || r == '…' || r == '\n' || r == ':' || r == ';' {
				if r != '.' || !abbrevBefore(s, i) {
					sentence = true
				}
			}
			i += size
		}
	}
	if trailer.end > 0 {
		for k := range tokens {
			if tokens[k].Start >= trailer.start {
				tokens[k].Flags |= Trailer
				tokens[k].Flags &^= Start
				if tokens[k].Start >= trailer.date {
					tokens[k].Flags |= Stop
				}
			}
		}
	}
	markNames(tokens, lang)
	return tokens, published
}

// abbrevBefore reports whether the '.' at s[i] ends a one-letter abbreviation ("U.S.", "J.")
// rather than a sentence.
func abbrevBefore(s string, i int) bool {
	r, n := utf8.DecodeLastRuneInString(s[:i])
	if !unicode.IsUpper(r) {
		return false
	}
	r2, _ := utf8.DecodeLastRuneInString(s[:i-n])
	return i-n == 0 || !isWordRune(r2)
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)
}

func wordBefore(s string, i int) bool {
	if i == 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return isWordRune(r) || r == '_'
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' || r == '`' }

// wordEnd returns the end of the word starting at s[i]: letters, digits and marks, with
// inner apostrophes, and for numbers inner '.' or ',' followed by a digit.
func wordEnd(s string, i, end int) int {
	j := i
	digits := true
	for j < end {
		r, sz := utf8.DecodeRuneInString(s[j:])
		if isWordRune(r) {
			if !unicode.IsDigit(r) {
				digits = false
			}
			j += sz
			continue
		}
		if j+sz < end {
			next, _ := utf8.DecodeRuneInString(s[j+sz:])
			if isApostrophe(r) && unicode.IsLetter(next) && !digits {
				j += sz
				continue
			}
			if (r == '.' || r == ',') && digits && unicode.IsDigit(next) {
				j += sz
				continue
			}
		}
		break
	}
	return j
}

// numberWords are English number words read as numbers ("five million" → 5, million).
var numberWords = map[string]string{
	"two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8",
	"nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "thirteen": "13", "fourteen": "14",
	"fifteen": "15", "sixteen": "16", "seventeen": "17", "eighteen": "18", "nineteen": "19",
	"twenty": "20", "thirty": "30", "forty": "40", "fifty": "50", "sixty": "60", "seventy": "70",
	"eighty": "80", "ninety": "90", "hundred": "100", "dozen": "12",
}

// percentWords follow a number to make it a percentage; they are then stop words.
var percentWords = map[string]bool{
	"percent": true, "per": true, "prozent": true, "procent": true, "procenta": true, "procentu": true,
	"procent.": true, "procentów": true, "procenty": true, "процент": true, "процента": true, "процентов": true,
	"процентах": true, "відсотків": true, "відсотка": true, "відсоток": true, "відсотки": true,
	"percento": true, "pourcent": true, "porcentaje": true, "posto": true, "postotak": true, "postotaka": true,
}

// appendWord appends the token for the word s[i:j].
func (az *analyzer) appendWord(tokens []Token, s string, i, j int, sentence bool) []Token {
	w := s[i:j]
	lang := az.lang
	if unicode.IsDigit(firstRune(w)) {
		if num, ok := normalizeNumber(w, lang); ok {
			t := Token{Start: i, End: j, Kind: Number, Norm: num}
			if len(num) == 4 && num >= "1800" && num <= "2100" && !strings.ContainsAny(w, ".,") {
				t.Flags |= Year
			}
			// "24%", "24 %", "24 percent", "24 per cent".
			k := j
			for k < len(s) && (s[k] == ' ' || s[k] == '\u00a0') {
				k++
			}
			if k < len(s) && s[k] == '%' {
				t.Norm += "%"
				t.End = k + 1
				t.Flags &^= Year
			} else if pw, _ := nextWord(s, k); pw != "" && percentWords[strings.ToLower(pw)] {
				if strings.ToLower(pw) != "per" || hasPrefixFoldAt(s, k+3, " cent") {
					t.Norm += "%"
					t.Flags &^= Year
				}
			}
			t.Term = t.Norm
			return append(tokens, t)
		}
	}
	var wd *word
	wd, az.buf = az.wc.get(lang, w, az.buf)
	if wd.number != "" {
		return append(tokens, Token{Start: i, End: j, Kind: Number, Norm: wd.number, Term: wd.number})
	}
	norm := wd.norm
	t := Token{Start: i, End: j, Kind: Word, Norm: norm, Term: wd.term, w: wd}
	if wd.capital {
		t.Flags |= Capital
		if wd.allCaps {
			t.Flags |= AllCaps
		}
	}
	if sentence {
		t.Flags |= Start
	}
	// "U.S.", "US", "USA" as a country, not the pronoun.
	if t.Has(AllCaps) && (norm == "us" || norm == "usa") || norm == "u" && strings.HasPrefix(s[j:], ".S.") {
		if norm == "u" {
			t.End = j + 3
		}
		t.Norm, t.Term, t.w = "usa", "usa", nil
		return append(tokens, t)
	}
	if wd.stop || percentWords[norm] && len(tokens) > 0 && tokens[len(tokens)-1].Kind == Number ||
		norm == "cent" && len(tokens) > 1 && tokens[len(tokens)-1].Norm == "per" {
		t.Flags |= Stop
	}
	return append(tokens, t)
}

func hasPrefixFoldAt(s string, i int, p string) bool {
	return i <= len(s) && len(s)-i >= len(p) && strings.EqualFold(s[i:i+len(p)], p)
}

// nextWord returns the run of letters starting at s[i] and its end.
func nextWord(s string, i int) (string, int) {
	j := i
	for j < len(s) {
		r, sz := utf8.DecodeRuneInString(s[j:])
		if !unicode.IsLetter(r) {
			break
		}
		j += sz
	}
	return s[i:j], j
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func isAllCaps(w string) bool {
	letters := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters >= 2
}

// elisions are the clitics cut from French, Italian and Catalan words ("l'homme" → "homme").
var elisions = map[string]bool{
	"l": true, "d": true, "j": true, "m": true, "n": true, "s": true, "t": true, "c": true, "qu": true,
	"jusqu": true, "lorsqu": true, "puisqu": true, "dell": true, "dall": true, "nell": true, "sull": true,
	"all": true, "un": true, "quest": true, "quell": true, "po": true,
}

// stripApostrophe handles a folded word with an apostrophe: English "trump's" → "trump",
// French and Italian elisions "l'homme" → "homme"; otherwise the apostrophe is kept as ' so
// that stop words like "don't" are recognised.
func stripApostrophe(w, lang string) string {
	w = strings.NewReplacer("’", "'", "ʼ", "'", "`", "'").Replace(w)
	switch lang {
	case "en":
		if strings.HasSuffix(w, "'s") {
			return w[:len(w)-2]
		}
	case "fr", "it", "ca":
		if i := strings.IndexByte(w, '\''); i > 0 && elisions[w[:i]] {
			return w[i+1:]
		}
	}
	if lang != "en" {
		return strings.ReplaceAll(w, "'", "")
	}
	return w
}

// fold returns w in NFKC, lower case. ASCII words take a fast path.
func fold(w string) string {
	ascii, upper := true, false
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		if c >= 'A' && c <= 'Z' {
			upper = true
		}
	}
	if ascii {
		if !upper {
			return w
		}
		b := []byte(w)
		for i, c := range b {
			if c >= 'A' && c <= 'Z' {
				b[i] = c + 'a' - 'A'
			}
		}
		return string(b)
	}
	if !norm.NFKC.IsNormalString(w) {
		w = norm.NFKC.String(w)
	}
	return strings.ToLower(w)
}

// normalizeNumber returns the canonical form of a run of digits with '.' or ','
// separators: thousands separators removed, the decimal separator as '.', trailing decimal
// zeros dropped. ok is false for something that is not a number (letters mixed in).
func normalizeNumber(w, lang string) (string, bool) {
	var digits []byte
	seps := 0
	var lastSep byte
	lastGroup := 0
	group := 0
	mixed := false
	for _, r := range w {
		switch {
		case r >= '0' && r <= '9':
			digits = append(digits, byte(r))
			group++
		case unicode.IsDigit(r): // other scripts' digits
			digits = append(digits, byte('0'+digitValue(r)))
			group++
		case r == '.' || r == ',':
			if lastSep != 0 && lastSep != byte(r) {
				mixed = true
			}
			lastSep = byte(r)
			seps++
			lastGroup = len(digits)
			group = 0
		default:
			return "", false
		}
	}
	if seps == 0 {
		return string(digits), true
	}
	decimal := -1 // index in digits where the decimals start
	switch {
	case mixed:
		decimal = lastGroup // the last separator is the decimal one
	case seps > 1:
		// thousands only
	case group == 3:
		// "1,000", "1.000": thousands, except English "1.500"-style decimals are rare enough
		// to read as thousands too.
	default:
		decimal = lastGroup
	}
	if decimal < 0 {
		return string(digits), true
	}
	intPart, frac := strings.TrimLeft(string(digits[:decimal]), "0"), strings.TrimRight(string(digits[decimal:]), "0")
	if intPart == "" {
		intPart = "0"
	}
	if frac == "" {
		return intPart, true
	}
	return intPart + "." + frac, true
}

// digitValue returns the value of a decimal digit of any script: Unicode puts each script's
// digits 0–9 in a contiguous run (some runs follow each other, hence the modulo).
func digitValue(r rune) int {
	d := 0
	for d < 60 && unicode.IsDigit(r-rune(d)-1) {
		d++
	}
	return d % 10
}

// appendCamel appends the words of a hashtag or handle s[i:j], split at underscores,
// letter–digit boundaries and lower→upper case changes ("StopTheHate" → stop, the, hate).
func (az *analyzer) appendCamel(tokens []Token, s string, i, j int, flag Flags) []Token {
	start := i
	var prev rune
	emit := func(a, b int) {
		if b > a {
			n := len(tokens)
			tokens = az.appendWord(tokens, s, a, b, false)
			for k := n; k < len(tokens); k++ {
				tokens[k].Flags |= flag
				tokens[k].Flags &^= Capital | AllCaps | Start
			}
		}
	}
	for k := i; k < j; {
		r, sz := utf8.DecodeRuneInString(s[k:])
		switch {
		case r == '_':
			emit(start, k)
			start = k + sz
		case k > start && unicode.IsUpper(r) && (unicode.IsLower(prev) || unicode.IsDigit(prev)):
			emit(start, k)
			start = k
		case k > start && unicode.IsUpper(prev) && unicode.IsUpper(r):
			// "NYCMayor": split before the last capital of a run followed by lower case.
			if next, _ := utf8.DecodeRuneInString(s[k+sz:]); k+sz < j && unicode.IsLower(next) {
				emit(start, k)
				start = k
			}
		case k > start && unicode.IsDigit(r) != unicode.IsDigit(prev) && unicode.IsLetter(prev) != unicode.IsLetter(r):
			emit(start, k)
			start = k
		}
		prev = r
		k += sz
	}
	emit(start, j)
	return tokens
}

// shorteners are hosts whose links carry no words.
var shorteners = map[string]bool{
	"t.co": true, "bit.ly": true, "ow.ly": true, "goo.gl": true, "dlvr.it": true, "buff.ly": true,
	"tinyurl.com": true, "fb.me": true, "youtu.be": true, "pic.twitter.com": true, "ift.tt": true,
	"trib.al": true, "lnkd.in": true, "wp.me": true, "is.gd": true, "t.me": true,
}

// appendURL appends the URL token for s[u.start:u.end] and the words of its path when the
// path reads as a slug ("/2019/10/nato-troops-at-the-border/").
func (az *analyzer) appendURL(tokens []Token, s string, u span) []Token {
	raw := s[u.start:u.end]
	canon, err := text.CanonicalURL(raw)
	if err != nil {
		if !hasPrefixFoldAt(raw, 0, "pic.twitter.com/") {
			return tokens
		}
		canon = "https://" + strings.ToLower(raw)
	}
	tokens = append(tokens, Token{Start: u.start, End: u.end, Kind: URL, Norm: canon, Term: canon})
	host := text.Domain(canon)
	if shorteners[host] || strings.HasPrefix(strings.ToLower(raw), "pic.") {
		return tokens
	}
	// Path words: after the host, segments with '-' or '_' between letters.
	p := strings.Index(raw, "://")
	if p < 0 {
		p = 0
	} else {
		p += 3
	}
	slash := strings.IndexByte(raw[p:], '/')
	if slash < 0 {
		return tokens
	}
	pathStart := u.start + p + slash
	pathEnd := u.end
	if q := strings.IndexAny(s[pathStart:pathEnd], "?#"); q >= 0 {
		pathEnd = pathStart + q
	}
	for _, sg := range segments(s, pathStart, pathEnd) {
		if !strings.ContainsAny(s[sg.start:sg.end], "-_") {
			continue
		}
		for k := sg.start; k < sg.end; {
			r, sz := utf8.DecodeRuneInString(s[k:])
			if !unicode.IsLetter(r) {
				k += sz
				continue
			}
			e := k
			for e < sg.end {
				r2, sz2 := utf8.DecodeRuneInString(s[e:])
				if !unicode.IsLetter(r2) {
					break
				}
				e += sz2
			}
			n := len(tokens)
			tokens = az.appendWord(tokens, s, k, e, false)
			for x := n; x < len(tokens); x++ {
				tokens[x].Flags |= InURL
				tokens[x].Flags &^= Capital | AllCaps
			}
			k = e
		}
	}
	return tokens
}

// segments splits s[a:b] at '/'.
func segments(s string, a, b int) []span {
	var out []span
	start := a
	for k := a; k <= b; k++ {
		if k == b || s[k] == '/' {
			if k > start {
				out = append(out, span{start, k})
			}
			start = k + 1
		}
	}
	return out
}

// findURLs returns the spans of the links in s: http(s):// and www. links as text.ExtractURLs
// finds them, and pic.twitter.com/ links, which tweets glue to the preceding word.
func findURLs(s string) []span {
	var out []span
	urls := text.ExtractURLs(s)
	from := 0
	for _, u := range urls {
		raw := u
		k := strings.Index(s[from:], raw)
		if k < 0 && strings.HasPrefix(raw, "http://") {
			raw = raw[len("http://"):]
			k = strings.Index(s[from:], raw)
		}
		if k < 0 {
			continue
		}
		out = append(out, span{from + k, from + k + len(raw)})
		from += k + len(raw)
	}
	for from := 0; ; {
		k := strings.Index(s[from:], "pic.twitter.com/")
		if k < 0 {
			break
		}
		a := from + k
		e := a
		for e < len(s) && s[e] != ' ' && s[e] != '\n' && s[e] != '\t' {
			e++
		}
		inside := false
		for _, sp := range out {
			if a >= sp.start && a < sp.end {
				inside = true
			}
		}
		if !inside {
			out = append(out, span{a, e})
		}
		from = e
	}
	// Keep them sorted by start (pic.twitter.com links were appended last).
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].start < out[j-1].start; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// months names the months in English for the embedded-tweet trailer.
var months = map[string]time.Month{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}

// findTrailer finds the trailer that embedded tweets end with — "— Name (@handle) January 6,
// 2020" — and returns its span (from the dash) and date.
func findTrailer(s string) (trailerSpan, time.Time) {
	dash := strings.LastIndex(s, "— ")
	if dash < 0 || len(s)-dash > 200 {
		return trailerSpan{}, time.Time{}
	}
	rest := s[dash:]
	open := strings.LastIndex(rest, "(@")
	if open < 0 {
		return trailerSpan{}, time.Time{}
	}
	closeParen := strings.IndexByte(rest[open:], ')')
	if closeParen < 0 {
		return trailerSpan{}, time.Time{}
	}
	date := strings.TrimSpace(rest[open+closeParen+1:])
	f := strings.Fields(strings.ReplaceAll(date, ",", " "))
	if len(f) != 3 {
		return trailerSpan{}, time.Time{}
	}
	m, ok := months[strings.ToLower(f[0])]
	if !ok {
		return trailerSpan{}, time.Time{}
	}
	t, err := time.Parse("2006-1-2", f[2]+"-"+itoa(int(m))+"-"+f[1])
	if err != nil {
		return trailerSpan{}, time.Time{}
	}
	return trailerSpan{dash, len(s), dash + open + closeParen + 1}, t
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return string(rune('0'+n/10)) + string(rune('0'+n%10))
}
