package gen

import (
	"strconv"
	"time"
)

const hexDigits = "0123456789abcdef"

// jsonSafe[c] is true for bytes that need no escaping in a JSON string.
var jsonSafe = func() (t [256]bool) {
	for c := range t {
		t[c] = c >= 0x20 && c != '"' && c != '\\'
	}
	return t
}()

// appendJSONStr appends s as a JSON string. s must be valid UTF-8 (the library and every edit
// keep it so); control characters are escaped.
func appendJSONStr[T string | []byte](dst []byte, s T) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if jsonSafe[c] {
			continue
		}
		dst = append(dst, s[start:i]...)
		switch c {
		case '"', '\\':
			dst = append(dst, '\\', c)
		case '\n':
			dst = append(dst, '\\', 'n')
		case '\t':
			dst = append(dst, '\\', 't')
		case '\r':
			dst = append(dst, '\\', 'r')
		default:
			dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
		}
		start = i + 1
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// appendField appends ,"key":"value" (or {"key":"value" when first).
func appendField[T string | []byte](dst []byte, key string, val T) []byte {
	if len(dst) > 0 && dst[len(dst)-1] != '{' {
		dst = append(dst, ',')
	}
	dst = append(dst, '"')
	dst = append(dst, key...)
	dst = append(dst, '"', ':')
	return appendJSONStr(dst, val)
}

func appendStrList(dst []byte, key string, vals []string) []byte {
	dst = append(dst, ",\""...)
	dst = append(dst, key...)
	dst = append(dst, "\":["...)
	for i, v := range vals {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendJSONStr(dst, v)
	}
	return append(dst, ']')
}

// appendTime appends unix seconds (at or after 1970) as RFC 3339 UTC: the date part is
// formatted by package time once per day and cached in *day.
func appendTime(dst []byte, t int64, day *dayCache) []byte {
	d := t / 86400
	if d != day.day || day.text == nil {
		day.day = d
		day.text = time.Unix(d*86400, 0).UTC().AppendFormat(day.text[:0], "2006-01-02T")
	}
	dst = append(dst, day.text...)
	sec := t - d*86400
	h, m, x := sec/3600, sec/60%60, sec%60
	return append(dst, byte('0'+h/10), byte('0'+h%10), ':', byte('0'+m/10), byte('0'+m%10), ':', byte('0'+x/10), byte('0'+x%10), 'Z')
}

type dayCache struct {
	day  int64
	text []byte
}

// appendID appends a native id: the platform prefix and a zero-padded counter.
func appendID(dst []byte, plat uint8, n int64) []byte {
	dst = append(dst, platPrefix[plat]...)
	var b [20]byte
	d := strconv.AppendInt(b[:0], n, 10)
	for k := len(d); k < 9; k++ {
		dst = append(dst, '0')
	}
	return append(dst, d...)
}

func itemID(plat uint8, n int64) string {
	var b [32]byte
	return string(appendID(b[:0], plat, n))
}

// runeCount counts the runes of valid UTF-8 (every byte that does not continue a sequence).
func runeCount(b []byte) int {
	n := 0
	for _, c := range b {
		if c&0xC0 != 0x80 {
			n++
		}
	}
	return n
}

// truncateRunes cuts b to at most n runes at a space, adding "…".
func truncateRunes(b []byte, n int) []byte {
	if n <= 1 || runeCount(b) <= n {
		return b
	}
	cut, r := 0, 0
	for i := range len(b) {
		if b[i]&0xC0 != 0x80 {
			if r == n-1 {
				cut = i
				break
			}
			r++
		}
	}
	// Back up to a space so no word is cut.
	sp := cut
	for sp > 0 && b[sp-1] != ' ' && b[sp-1] != '\n' {
		sp--
	}
	if sp > cut/2 {
		cut = sp
	}
	for cut > 0 && (b[cut-1] == ' ' || b[cut-1] == '\n' || b[cut-1] == ',' || b[cut-1] == ':') {
		cut--
	}
	for cut > 0 && b[cut]&0xC0 == 0x80 {
		cut--
	}
	return append(b[:cut], "…"...)
}
