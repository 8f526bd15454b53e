package ingest

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"fimi/internal/fimi"
	"fimi/internal/text"
)

// The default layout of JSONL and CSV posts: these field names, or source columns mapped onto
// them with Options.Map.
const (
	FieldID        = "id"        // the platform's id of the item
	FieldPlatform  = "platform"  // twitter, telegram, facebook, web, ...
	FieldAccount   = "account"   // posting account or channel
	FieldAuthor    = "author"    // display name
	FieldOutlet    = "outlet"    // outlet domain or URL
	FieldURL       = "url"       // URL of the item itself
	FieldTitle     = "title"     // headline
	FieldText      = "text"      // body
	FieldPublished = "published" // RFC 3339, or Unix seconds / milliseconds
	FieldLang      = "lang"      // ISO 639-1 code
	FieldShares    = "shares"    // id of the item this one shares, forwards or retweets
	FieldReplyTo   = "reply_to"  // id of the item this one replies to
	FieldURLs      = "urls"      // links: JSON array, or a string of URLs separated by spaces, commas or '|'
	FieldHashtags  = "hashtags"  // JSON array or separated string, with or without '#'
	FieldMentions  = "mentions"  // JSON array or separated string, with or without '@'
	FieldViews     = "views"     // view count
)

// Fields lists the default layout's field names in documentation order.
var Fields = []string{FieldID, FieldPlatform, FieldAccount, FieldAuthor, FieldOutlet, FieldURL, FieldTitle,
	FieldText, FieldPublished, FieldLang, FieldShares, FieldReplyTo, FieldURLs, FieldHashtags, FieldMentions, FieldViews}

// ErrUnknownField is returned by ParseMap for a mapping onto a field the layout does not have.
var ErrUnknownField = errors.New("unknown field")

// ParseMap parses "field=column" pairs (as given to --map) into Options.Map. The column may be a
// dotted path into nested JSON objects ("user.screen_name").
func ParseMap(pairs []string) (map[string]string, error) {
	m := map[string]string{}
	for _, p := range pairs {
		f, col, ok := strings.Cut(p, "=")
		f, col = strings.TrimSpace(f), strings.TrimSpace(col)
		if !ok || f == "" || col == "" {
			return nil, fmt.Errorf("--map %q: want field=column", p)
		}
		if !isField(f) {
			return nil, fmt.Errorf("--map %q: %w %q (fields: %s)", p, ErrUnknownField, f, strings.Join(Fields, ", "))
		}
		m[f] = col
	}
	return m, nil
}

func isField(f string) bool {
	for _, x := range Fields {
		if x == f {
			return true
		}
	}
	return false
}

// Value is one field value as read from a record: a string, a list of strings, or a number
// (with S holding the number's literal text when known, so that large ids keep every digit).
type Value struct {
	S     string
	L     []string
	List  bool
	Num   float64
	IsNum bool
}

// Getter returns the value of a source column or JSON key, and whether it is present and not null.
type Getter func(name string) (Value, bool)

// ItemFromFields builds a draft item from a record in the default layout (or mapped onto it).
// It validates field types and dates; the pipeline does the rest of the normalisation.
// csvNull values (such as R's "NA") count as absent.
func ItemFromFields(get Getter, opt Options) (fimi.Item, error) {
	var it fimi.Item
	field := func(f string) (Value, bool) {
		col := f
		if c, ok := opt.Map[f]; ok {
			col = c
		}
		return get(col)
	}
	str := func(f string) (string, error) {
		v, ok := field(f)
		if !ok {
			return "", nil
		}
		switch {
		case v.IsNum && v.S == "":
			return strconv.FormatFloat(v.Num, 'f', -1, 64), nil
		case v.List:
			return "", &FieldError{Field: f, Err: errors.New("want a string, got a list")}
		}
		return v.S, nil
	}
	list := func(f string) ([]string, error) {
		v, ok := field(f)
		if !ok {
			return nil, nil
		}
		if v.List {
			return v.L, nil
		}
		if v.IsNum {
			return nil, &FieldError{Field: f, Err: errors.New("want a list or string, got a number")}
		}
		return SplitList(v.S), nil
	}
	var err error
	set := func(dst *string, f string) {
		if err == nil {
			*dst, err = str(f)
		}
	}
	set(&it.NativeID, FieldID)
	set(&it.Platform, FieldPlatform)
	set(&it.Account, FieldAccount)
	set(&it.Author, FieldAuthor)
	set(&it.Outlet, FieldOutlet)
	set(&it.URL, FieldURL)
	set(&it.Title, FieldTitle)
	set(&it.Text, FieldText)
	set(&it.Lang, FieldLang)
	var shares, reply, pub string
	set(&shares, FieldShares)
	set(&reply, FieldReplyTo)
	if err != nil {
		return it, err
	}
	if v, ok := field(FieldPublished); ok {
		if v.IsNum {
			it.Published, err = unixTime(v.Num)
		} else if v.List {
			err = errors.New("want a date, got a list")
		} else {
			pub = v.S
			it.Published, err = ParseTime(pub)
		}
		if err != nil {
			return it, &FieldError{Field: FieldPublished, Value: text.Shorten(pub, 60), Err: err}
		}
	}
	if v, ok := field(FieldViews); ok {
		switch {
		case v.IsNum:
			it.Views = int64(v.Num)
		case v.S != "":
			n, perr := strconv.ParseInt(strings.TrimSpace(v.S), 10, 64)
			if perr != nil {
				return it, &FieldError{Field: FieldViews, Value: text.Shorten(v.S, 40), Err: errors.New("not an integer")}
			}
			it.Views = n
		}
	}
	if it.URLs, err = list(FieldURLs); err != nil {
		return it, err
	}
	if it.Hashtags, err = list(FieldHashtags); err != nil {
		return it, err
	}
	if it.Mentions, err = list(FieldMentions); err != nil {
		return it, err
	}
	it.Platform = strings.ToLower(strings.TrimSpace(it.Platform))
	if it.Platform == "" {
		it.Platform = opt.Platform
	}
	if it.Platform == "" {
		it.Platform = "unknown"
		if it.NativeID == "" && it.URL != "" {
			it.Platform = fimi.PlatformWeb
		}
	}
	it.SharesID = RefID(it.Platform, shares)
	it.ReplyToID = RefID(it.Platform, reply)
	return it, nil
}

// RefID turns a reference to another item (a native id on the same platform, or the URL of a
// web item) into that item's id. Empty stays empty.
func RefID(platform, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	if strings.HasPrefix(ref, "http://") || strings.HasPrefix(ref, "https://") {
		if u, err := text.CanonicalURL(ref); err == nil {
			return fimi.ItemID(fimi.PlatformWeb, "", u)
		}
	}
	if platform == fimi.PlatformWeb {
		platform = "unknown"
	}
	return fimi.ItemID(platform, ref, "")
}

// SplitList splits a multi-valued cell: a JSON or Python list literal (["a", 'b']) or values
// separated by whitespace, commas, semicolons or '|'.
func SplitList(s string) []string {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	if strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]") {
		s = s[1 : len(s)-1]
	}
	parts := strings.FieldsFunc(s, func(r rune) bool {
		return r == ',' || r == ';' || r == '|' || r == ' ' || r == '\t' || r == '\n' || r == '\r'
	})
	out := parts[:0]
	for _, p := range parts {
		p = strings.Trim(p, `"'`)
		if p != "" {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999 -0700",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02 15:04",
	"2006-01-02",
	time.RFC1123Z,
	time.RFC1123,
	time.RFC822Z,
	time.RFC822,
	"Mon Jan 02 15:04:05 -0700 2006", // Twitter API v1.1
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"2 Jan 2006 15:04:05 -0700",
	"02.01.2006 15:04",
	"02.01.2006",
}

// ParseTime parses a publication time: RFC 3339 and common variants (a time without a zone is
// UTC), RFC 1123/822, Twitter's layout, dd.mm.yyyy, or a Unix time in seconds or milliseconds
// (fractions allowed; values above 1e11 are taken as milliseconds). The result is UTC.
func ParseTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && !strings.ContainsAny(s, "eE") {
		return unixTime(f)
	}
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, errors.New("unrecognised date (want RFC 3339 such as 2024-05-30T12:00:00Z, or Unix seconds)")
}

func unixTime(f float64) (time.Time, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) || f < 0 {
		return time.Time{}, errors.New("invalid Unix time")
	}
	if f > 1e11 { // milliseconds
		f /= 1000
	}
	sec, frac := math.Modf(f)
	return time.Unix(int64(sec), int64(math.Round(frac*1e6))*1000).UTC(), nil
}
