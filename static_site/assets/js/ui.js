// Shared by the learner pages: build DOM nodes (never HTML from text), render the instruction's
// Markdown subset safely, format messages, dates and durations, and show tutorials.
import { api } from "./api.js";
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

export function formatDuration(hms) {
  const [hours, minutes, seconds] = String(hms || "0:0:0").split(":").map(Number);
  const total = (hours || 0) * 60 + (minutes || 0);
  return total ? t("duration_min", { n: total }) : t("duration_s", { n: seconds || 0 });
}

// The competence's title in the page's language (the catalog has the fixed référentiel).
export function competenceTitle(code, fallback = "") {
  return messages[`fw_${code}`] || fallback;
}

// The code of the query string, if it looks like one (1.1 … 5.2).
export function codeFromQuery() {
  const code = new URLSearchParams(window.location.search).get("code") || "";
  return /^[1-5]\.[1-9]$/.test(code) ? code : null;
}

// Loading failed: a visitor without a session goes to the login page, anyone else reads why.
export function showLoadError(error, box) {
  if (error && error.status === 401) {
    window.location.assign(`${root}connexion/`);
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

// --- levels as rings ---------------------------------------------------------------------------

export const PIX_PER_LEVEL = 8;

// A ring filled to `share` (0 to 1) around `label`; decorative: the text next to it says the same.
export function ring(share, label, size = 64) {
  const radius = size / 2 - 5;
  const length = 2 * Math.PI * radius;
  const centre = size / 2;
  return svg("svg", { class: "ring", viewBox: `0 0 ${size} ${size}`, width: size, height: size, "aria-hidden": "true", focusable: "false" },
    svg("circle", { class: "ring-track", cx: centre, cy: centre, r: radius }),
    share > 0 && svg("circle", {
      class: "ring-value", cx: centre, cy: centre, r: radius,
      "stroke-dasharray": `${(length * Math.min(1, share)).toFixed(2)} ${length.toFixed(2)}`,
      transform: `rotate(-90 ${centre} ${centre})`,
    }),
    svg("text", { x: centre, y: centre, "text-anchor": "middle", "dominant-baseline": "central" }, String(label)));
}

// Where the competence stands within its level: pix still missing and the share already done.
export function towardsNext(competence, maxLevel) {
  const next = competence.level + 1;
  if (competence.level >= maxLevel) return { next: null, missing: 0, share: 1 };
  return { next, missing: next * PIX_PER_LEVEL - competence.pix, share: (competence.pix % PIX_PER_LEVEL) / PIX_PER_LEVEL };
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

// --- tutorials ----------------------------------------------------------------------------------

async function toggleSaved(button, tutorial) {
  const saving = button.getAttribute("aria-pressed") !== "true";
  button.setAttribute("aria-busy", "true");
  try {
    await api(`/api/tutorials/saved/${encodeURIComponent(tutorial.id)}`, { method: saving ? "PUT" : "DELETE", auth: true });
    tutorial.saved = saving;
    button.setAttribute("aria-pressed", String(saving));
  } catch (error) {
    button.closest(".tutorial").querySelector(".tutorial-error").textContent = errorMessage(error);
  } finally {
    button.removeAttribute("aria-busy");
  }
}

export function tutorialCard(tutorial) {
  // A toggle button: its name stays the same, aria-pressed (and the filled star) says whether it is saved.
  const button = h("button", {
    type: "button", class: "outline secondary save-tutorial", "aria-pressed": String(Boolean(tutorial.saved)),
  }, h("span", { class: "star", "aria-hidden": "true" }), messages.tutorial_save,
  h("span", { class: "visually-hidden" }, " ", ...messages.tutorial_save_sr.split("{title}")
    .flatMap((part, i) => (i ? [h("span", { lang: "fr" }, tutorial.title), part] : [part]))));
  button.addEventListener("click", () => toggleSaved(button, tutorial));
  return h("li", { class: "tutorial" },
    h("a", { href: tutorial.url, target: "_blank", rel: "noopener noreferrer", lang: "fr" }, tutorial.title, " ",
      h("span", { class: "visually-hidden", lang }, messages.sr_new_window)),
    h("small", null, h("span", { lang: "fr" }, tutorial.source), " · ", h("span", { lang: "fr" }, tutorial.format), " · ", formatDuration(tutorial.duration)),
    button,
    h("small", { class: "tutorial-error", role: "status" }));
}

export function tutorialList(tutorials) {
  return h("ul", { class: "tutorials" }, tutorials.map(tutorialCard));
}
