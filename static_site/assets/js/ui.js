// Shared by every section: build DOM nodes (never HTML from text), render a Markdown subset safely,
// format messages and dates, and say why a page could not load.
import { errorMessage, messages, root } from "./common.js";

export const lang = document.documentElement.lang;

export function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === false || value == null) continue;
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  node.append(...children.flat(Infinity).filter((child) => child != null && child !== false));
  return node;
}

export function svg(tag, attrs, ...children) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
  node.append(...children.filter(Boolean));
  return node;
}

// A message of the catalog with its {placeholders} filled in.
export function t(key, values = {}) {
  return (messages[key] || key).replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));
}

export function formatDate(iso) {
  return new Date(iso).toLocaleDateString(lang, { day: "numeric", month: "long", year: "numeric" });
}

// Loading failed: a visitor without a session goes to the login page (and comes back here after), anyone
// else reads why.
export function showLoadError(error, box) {
  if (error && error.status === 401) {
    const here = window.location.pathname + window.location.search;
    window.location.assign(`${root}connexion/?retour=${encodeURIComponent(here)}`);
    return;
  }
  box.textContent = errorMessage(error);
  box.className = "form-status error";
  box.hidden = false;
  box.focus();
}

export function done(loading) {
  loading.hidden = true;
  loading.removeAttribute("aria-busy");
}

// --- Markdown subset: paragraphs, **bold**, *italic*, `code`, [links](https://…), "- " lists ----

const INLINE = /\*\*(.+?)\*\*|\*(.+?)\*|`([^`]+)`|\[([^\]]+)\]\((https:\/\/[^\s)]+)\)/g;

export function inline(text) {
  const nodes = [];
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    if (match.index > last) nodes.push(text.slice(last, match.index));
    const [, bold, italic, code, label, href] = match;
    if (bold !== undefined) nodes.push(h("strong", null, ...inline(bold)));
    else if (italic !== undefined) nodes.push(h("em", null, ...inline(italic)));
    else if (code !== undefined) nodes.push(h("code", null, code));
    else nodes.push(h("a", { href, target: "_blank", rel: "noopener noreferrer" }, ...inline(label), " ",
      h("span", { class: "visually-hidden" }, messages.sr_new_window)));
    last = match.index + match[0].length;
  }
  if (last < text.length) nodes.push(text.slice(last));
  return nodes;
}

export function markdown(text) {
  const fragment = document.createDocumentFragment();
  for (const block of String(text || "").split(/\n\s*\n/)) {
    let paragraph = [];
    let list = null;
    const flush = () => {
      if (paragraph.length) fragment.append(h("p", null, ...inline(paragraph.join(" "))));
      paragraph = [];
    };
    for (const raw of block.split("\n")) {
      const line = raw.trim();
      if (!line) continue;
      if (line.startsWith("- ")) {
        flush();
        if (!list) { list = h("ul"); fragment.append(list); }
        list.append(h("li", null, ...inline(line.slice(2))));
      } else if (list && raw.startsWith("  ")) {
        list.lastChild.append(" ", ...inline(line));
      } else {
        list = null;
        paragraph.push(line);
      }
    }
    flush();
  }
  return fragment;
}
