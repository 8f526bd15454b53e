package echo

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// glossVersion changes whenever what a glossary holds changes (analysis, stemming, hashing),
// so that older cache files are not read.
const glossVersion = 1

// cachePath returns the cache file of lang's glossary, or "" when there is no cache
// directory or the lexicon cannot name the version of lang's dictionaries. The key covers
// the dictionary version and the options the glossary depends on; custom Stem or StopWord
// functions are the caller's to keep stable (a cache directory per configuration).
func (g *glossaries) cachePath(lang string) string {
	if g.opt.GlossaryCache == "" || g.lex.Version == nil {
		return ""
	}
	v := g.lex.Version(lang)
	if v == "" {
		return ""
	}
	h := fnv.New64a()
	fmt.Fprintf(h, "v%d %s %s senses=%d", glossVersion, lang, v, g.opt.MaxSenses)
	return filepath.Join(g.opt.GlossaryCache, fmt.Sprintf("%s-%016x.gl", lang, h.Sum64()))
}

// read loads a glossary written by write.
func (gl *glossary) read(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<16)
	var hdr [2]uint32
	if err := binary.Read(r, binary.LittleEndian, &hdr); err != nil {
		return err
	}
	if hdr[0] > 1<<26 || hdr[1] > 1<<28 {
		return errors.New("glossary cache: bad header")
	}
	keys := make([]uint64, hdr[0])
	offs := make([]uint32, hdr[0])
	arena := make([]uint32, hdr[1])
	for _, v := range []any{keys, offs, arena} {
		if err := binary.Read(r, binary.LittleEndian, v); err != nil {
			return err
		}
	}
	if _, err := r.ReadByte(); err != io.EOF {
		return errors.New("glossary cache: trailing data")
	}
	index := make(map[uint64]uint32, len(keys))
	for i, k := range keys {
		off := offs[i]
		if uint64(off) >= uint64(len(arena)) || uint64(off)+1+uint64(arena[off]) > uint64(len(arena)) {
			return errors.New("glossary cache: bad offset")
		}
		index[k] = off
	}
	gl.index, gl.arena = index, arena
	return nil
}

// write saves the glossary through a temporary file, best effort.
func (gl *glossary) write(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".gl-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	keys := make([]uint64, 0, len(gl.index))
	offs := make([]uint32, 0, len(gl.index))
	for k, off := range gl.index {
		keys = append(keys, k)
		offs = append(offs, off)
	}
	w := bufio.NewWriterSize(tmp, 1<<16)
	for _, v := range []any{[2]uint32{uint32(len(keys)), uint32(len(gl.arena))}, keys, offs, gl.arena} {
		if err := binary.Write(w, binary.LittleEndian, v); err != nil {
			tmp.Close()
			return err
		}
	}
	if err := w.Flush(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	// Older glossaries of the language (other dictionary versions) go.
	lang, _, _ := strings.Cut(filepath.Base(path), "-")
	if old, _ := filepath.Glob(filepath.Join(filepath.Dir(path), lang+"-*.gl")); len(old) > 0 {
		for _, o := range old {
			if o != path {
				os.Remove(o)
			}
		}
	}
	return os.Rename(tmp.Name(), path)
}
