package feed

import (
	"bytes"
)

// Atom namespaces: 1.0 and the obsolete 0.3.
var atomNamespaces = [][]byte{
	[]byte("http://www.w3.org/2005/Atom"),
	[]byte("http://purl.org/atom/ns#"),
}

// SniffRSS reports whether head, the first bytes of an input, starts an RSS document: an <rss>
// or <rdf:RDF> root element after an optional byte order mark, XML declaration, processing
// instructions, comments and DOCTYPE.
func SniffRSS(head []byte) bool {
	name, _ := rootElement(head)
	return bytes.Equal(name, []byte("rss")) || bytes.Equal(localName(name), []byte("RDF"))
}

// SniffAtom reports whether head, the first bytes of an input, starts an Atom document: a
// <feed> root element (possibly prefixed) that declares the Atom namespace in head.
func SniffAtom(head []byte) bool {
	name, rest := rootElement(head)
	if !bytes.Equal(localName(name), []byte("feed")) {
		return false
	}
	for _, ns := range atomNamespaces {
		if bytes.Contains(rest, ns) {
			return true
		}
	}
	return false
}

// localName returns name without its namespace prefix.
func localName(name []byte) []byte {
	if i := bytes.IndexByte(name, ':'); i >= 0 {
		return name[i+1:]
	}
	return name
}

// rootElement skips a UTF-8 byte order mark, white space, the XML declaration, processing
// instructions, comments and a DOCTYPE at the start of head and returns the name of the first
// element and head from just after the name. It returns a nil name when head ends first or
// does not look like XML.
func rootElement(head []byte) (name, rest []byte) {
	b := bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	for {
		b = bytes.TrimLeft(b, " \t\r\n")
		switch {
		case bytes.HasPrefix(b, []byte("<?")):
			i := bytes.Index(b, []byte("?>"))
			if i < 0 {
				return nil, nil
			}
			b = b[i+2:]
		case bytes.HasPrefix(b, []byte("<!--")):
			i := bytes.Index(b[4:], []byte("-->"))
			if i < 0 {
				return nil, nil
			}
			b = b[4+i+3:]
		case bytes.HasPrefix(b, []byte("<!")):
			// DOCTYPE, possibly with an internal subset in brackets.
			depth := 0
			end := -1
			for i, c := range b {
				if c == '[' {
					depth++
				} else if c == ']' {
					depth--
				} else if c == '>' && depth <= 0 {
					end = i
					break
				}
			}
			if end < 0 {
				return nil, nil
			}
			b = b[end+1:]
		case bytes.HasPrefix(b, []byte("<")):
			b = b[1:]
			n := bytes.IndexAny(b, " \t\r\n/>")
			if n <= 0 {
				return nil, nil
			}
			return b[:n], b[n:]
		default:
			return nil, nil
		}
	}
}
