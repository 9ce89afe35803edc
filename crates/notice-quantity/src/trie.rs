//! A small character trie used for every word-list and unit lookup of the
//! quantity extractor: words are matched in place on the `&[char]` text,
//! forwards (longest word starting at a position) or backwards (longest word
//! ending at a position), without hashing or allocation.

#[derive(Debug, Default, Clone)]
struct Node {
    /// Children sorted by character, searched by binary search.
    children: Vec<(char, u32)>,
    value: Option<u32>,
}

#[derive(Debug, Clone)]
pub struct Trie {
    nodes: Vec<Node>,
    /// One bit per Basic Multilingual Plane character that starts a word: most
    /// positions of a text start no word, and this rejects them in one load.
    first: Vec<u64>,
    /// The root's children again, in an open-addressing table: the root has
    /// hundreds of children and is visited on every lookup.
    root: Vec<(char, u32)>,
}

impl Default for Trie {
    fn default() -> Self {
        Trie {
            nodes: vec![Node::default()],
            first: vec![0; 1024],
            root: Vec::new(),
        }
    }
}

impl Trie {
    /// Inserts a word; a later insert of the same word keeps the first value.
    pub fn insert(&mut self, word: impl Iterator<Item = char>, value: u32) {
        let mut node = 0usize;
        for c in word {
            if node == 0 {
                let i = c as usize;
                if let Some(w) = self.first.get_mut(i / 64) {
                    *w |= 1 << (i % 64);
                }
            }
            let next = match self.child(node, c) {
                Some(n) => n,
                None => {
                    let n = self.nodes.len();
                    self.nodes.push(Node::default());
                    if let Some(cur) = self.nodes.get_mut(node) {
                        let pos = cur.children.partition_point(|&(k, _)| k < c);
                        cur.children.insert(pos, (c, n as u32));
                    }
                    if node == 0 {
                        self.rebuild_root();
                    }
                    n
                }
            };
            node = next;
        }
        if let Some(n) = self.nodes.get_mut(node) {
            n.value.get_or_insert(value);
        }
    }

    fn slot(c: char, mask: usize) -> usize {
        ((c as u32).wrapping_mul(0x9e37_79b1) >> 7) as usize & mask
    }

    fn rebuild_root(&mut self) {
        let children = self
            .nodes
            .first()
            .map(|n| n.children.clone())
            .unwrap_or_default();
        let size = (children.len() * 2).next_power_of_two().max(8);
        let mut table = vec![('\0', 0u32); size];
        for (c, n) in children {
            let mut i = Self::slot(c, size - 1);
            while table.get(i).is_some_and(|&(k, _)| k != '\0') {
                i = (i + 1) & (size - 1);
            }
            if let Some(e) = table.get_mut(i) {
                *e = (c, n);
            }
        }
        self.root = table;
    }

    fn child(&self, node: usize, c: char) -> Option<usize> {
        if node == 0 && !self.root.is_empty() && c != '\0' {
            let mask = self.root.len() - 1;
            let mut i = Self::slot(c, mask);
            loop {
                let &(k, n) = self.root.get(i)?;
                if k == c {
                    return Some(n as usize);
                }
                if k == '\0' {
                    return None;
                }
                i = (i + 1) & mask;
            }
        }
        let children = &self.nodes.get(node)?.children;
        children
            .binary_search_by_key(&c, |&(k, _)| k)
            .ok()
            .and_then(|i| children.get(i))
            .map(|&(_, n)| n as usize)
    }

    /// False when no word starts with `c` (only exact for the BMP; other
    /// characters fall through to the search).
    fn may_start(&self, c: char) -> bool {
        let i = c as usize;
        match self.first.get(i / 64) {
            Some(w) => w & (1 << (i % 64)) != 0,
            None => true,
        }
    }

    fn value(&self, node: usize) -> Option<u32> {
        self.nodes.get(node).and_then(|n| n.value)
    }

    /// Calls `f(length, value)` for every word starting at `t[i]`, shortest first.
    pub fn each_at(&self, t: &[char], i: usize, mut f: impl FnMut(usize, u32)) {
        if !t.get(i).is_some_and(|&c| self.may_start(c)) {
            return;
        }
        let mut node = 0;
        let mut len = 0;
        while let Some(&c) = t.get(i + len) {
            match self.child(node, c) {
                Some(n) => node = n,
                None => return,
            }
            len += 1;
            if let Some(v) = self.value(node) {
                f(len, v);
            }
        }
    }

    /// Longest word starting at `t[i]`, as (length, value).
    pub fn longest_at(&self, t: &[char], i: usize) -> Option<(usize, u32)> {
        let mut best = None;
        self.each_at(t, i, |n, v| best = Some((n, v)));
        best
    }

    /// Longest word ending just before `t[end]`, for a trie built from reversed words.
    pub fn longest_ending_at(&self, t: &[char], end: usize) -> Option<(usize, u32)> {
        let last = end.checked_sub(1).and_then(|j| t.get(j))?;
        if !self.may_start(*last) {
            return None;
        }
        let mut node = 0;
        let mut len = 0;
        let mut best = None;
        while len < end {
            let Some(&c) = t.get(end - len - 1) else {
                break;
            };
            match self.child(node, c) {
                Some(n) => node = n,
                None => break,
            }
            len += 1;
            if let Some(v) = self.value(node) {
                best = Some((len, v));
            }
        }
        best
    }

    /// Value of exactly `w`, if it is a word.
    pub fn get(&self, w: &[char]) -> Option<u32> {
        let mut node = 0;
        for &c in w {
            node = self.child(node, c)?;
        }
        self.value(node)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn characters_outside_the_bmp_are_searched() {
        let mut f = Trie::default();
        f.insert("😀个".chars(), 7);
        let t = chars("😀个");
        assert_eq!(f.longest_at(&t, 0), Some((2, 7)));
        assert_eq!(f.longest_at(&t, 1), None);
    }

    #[test]
    fn forward_backward_exact() {
        let mut f = Trie::default();
        let mut b = Trie::default();
        for (i, w) in ["新建", "新开工", "建设", "新"].iter().enumerate() {
            f.insert(w.chars(), i as u32);
            b.insert(w.chars().rev(), i as u32);
        }
        let t = chars("新开工建设");
        assert_eq!(f.longest_at(&t, 0), Some((3, 1)));
        assert_eq!(f.longest_at(&t, 3), Some((2, 2)));
        assert_eq!(f.longest_at(&t, 9), None);
        assert_eq!(b.longest_ending_at(&t, 5), Some((2, 2)));
        assert_eq!(b.longest_ending_at(&t, 0), None);
        assert_eq!(f.get(&chars("新")), Some(3));
        assert_eq!(f.get(&chars("新开")), None);
        let mut seen = Vec::new();
        f.each_at(&t, 0, |n, v| seen.push((n, v)));
        assert_eq!(seen, vec![(1, 3), (3, 1)]);
    }
}
