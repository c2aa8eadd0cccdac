// A list read page by page with the API's signed cursor, in a table body or a list. `reload()` starts again from
// the first page (a new search, a change); "more" appends the next page and moves the focus to its first row.
// Only the answer to the latest request counts: a search submitted while the first page is still loading, or
// two quick clicks on "more", never show a row twice.
//
//   const list = pagedList({ rows, more, fetchPage: (cursor) => api(...), items: (page) => page.centres, row,
//                            onPage: (count, page, first) => ..., onError: (error) => ... });
//   (onPage hears the rows shown in all, the page's answer, and whether it is the first page of a reload)
//   await list.reload();  // the number of rows added; null when the request failed and onError was told
//   list.clear();         // no rows, and any answer still on its way is dropped

export function pagedList({ rows, more, fetchPage, items, row, onPage = () => {}, onError = null }) {
  let cursor = null;
  let latest = 0;

  async function load(fresh) {
    const request = ++latest;
    if (fresh) {
      cursor = null;
      rows.replaceChildren();
    }
    more.hidden = true;
    more.setAttribute("aria-busy", "true");
    try {
      const page = await fetchPage(cursor);
      if (request !== latest) return 0;
      const added = items(page);
      rows.append(...added.map(row));
      cursor = page.next_cursor;
      more.hidden = !cursor;
      onPage(rows.children.length, page, fresh);
      return added.length;
    } catch (error) {
      if (request !== latest) return 0;
      more.hidden = !cursor;
      if (!onError) throw error;
      onError(error);
      return null;
    } finally {
      if (request === latest) more.removeAttribute("aria-busy");
    }
  }

  more.addEventListener("click", async () => {
    const before = rows.children.length;
    if (await load(false)) rows.children[before]?.querySelector("a, button, input, select, [tabindex]")?.focus();
  });

  function clear() {
    latest += 1;
    cursor = null;
    rows.replaceChildren();
    more.hidden = true;
    more.removeAttribute("aria-busy");
  }

  return { reload: () => load(true), clear };
}
