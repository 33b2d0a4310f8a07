//! Which page numbers a pager shows. Pure, so it is unit-tested on the host.

/// One slot of a pager.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageItem {
    /// A link to this page number.
    Page(u32),
    /// An ellipsis standing for skipped pages.
    Gap,
}

/// The page slots for `current` of `total` pages: first and last, the current
/// page with one neighbour each side, and gaps for what lies between.
/// Always 7 slots or fewer, so the pager never changes width wildly.
pub fn page_items(current: u32, total: u32) -> Vec<PageItem> {
    if total == 0 {
        return Vec::new();
    }
    let current = current.clamp(1, total);
    if total <= 7 {
        return (1..=total).map(PageItem::Page).collect();
    }
    // Near an end, show five pages on that side so the count of slots stays at 7.
    let (start, end) = if current <= 4 {
        (2, 5)
    } else if current >= total - 3 {
        (total - 4, total - 1)
    } else {
        (current - 1, current + 1)
    };
    let mut items = vec![PageItem::Page(1)];
    if start > 2 {
        items.push(PageItem::Gap);
    }
    items.extend((start..=end).map(PageItem::Page));
    if end < total - 1 {
        items.push(PageItem::Gap);
    }
    items.push(PageItem::Page(total));
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use PageItem::{Gap, Page};

    #[test]
    fn few_pages_show_all() {
        assert_eq!(page_items(1, 1), vec![Page(1)]);
        assert_eq!(page_items(3, 5), (1..=5).map(Page).collect::<Vec<_>>());
        assert_eq!(page_items(7, 7).len(), 7);
        assert!(page_items(1, 0).is_empty());
    }

    #[test]
    fn long_ranges_have_gaps() {
        assert_eq!(
            page_items(1, 20),
            vec![Page(1), Page(2), Page(3), Page(4), Page(5), Gap, Page(20)]
        );
        assert_eq!(
            page_items(10, 20),
            vec![Page(1), Gap, Page(9), Page(10), Page(11), Gap, Page(20)]
        );
        assert_eq!(
            page_items(20, 20),
            vec![
                Page(1),
                Gap,
                Page(16),
                Page(17),
                Page(18),
                Page(19),
                Page(20)
            ]
        );
        assert_eq!(
            page_items(5, 8),
            vec![Page(1), Gap, Page(4), Page(5), Page(6), Page(7), Page(8)]
        );
    }

    #[test]
    fn every_page_shows_itself_and_never_more_than_seven_slots() {
        for total in 1..60 {
            for current in 1..=total {
                let items = page_items(current, total);
                assert!(items.len() <= 7, "{current}/{total}");
                assert!(items.contains(&Page(current)));
                assert_eq!(items.first(), Some(&Page(1)));
                assert_eq!(items.last(), Some(&Page(total)));
                // Page numbers increase, and no two gaps touch.
                let pages: Vec<u32> = items
                    .iter()
                    .filter_map(|i| if let Page(p) = i { Some(*p) } else { None })
                    .collect();
                assert!(pages.windows(2).all(|w| w[0] < w[1]));
                assert!(!items.windows(2).any(|w| w == [Gap, Gap]));
                // A gap stands for at least two pages; otherwise the page is shown.
                for w in items.windows(3) {
                    if let [Page(a), Gap, Page(b)] = w {
                        assert!(b - a > 2, "{current}/{total}: {a} .. {b}");
                    }
                }
            }
        }
    }

    #[test]
    fn out_of_range_current_is_clamped() {
        assert_eq!(page_items(99, 3), vec![Page(1), Page(2), Page(3)]);
        assert_eq!(page_items(0, 3), vec![Page(1), Page(2), Page(3)]);
    }
}
