// Shared by the learner's pages: competences and levels (as rings), durations and tutorials.
import { api } from "../api.js";
import { errorMessage, messages } from "../common.js";
import { h, lang, svg, t } from "../ui.js";

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

// --- tutorials ----------------------------------------------------------------------------------

// The saved state is one truth per page: the learner's saved tutorials, read once (a checkpoint's
// tutorials come without it, so that an answer stays one read), then every save button of a tutorial
// on the page follows each change.
const saved = new Set();
let savedRead = null;

// The learner's saved tutorials ({tutorials}), read at most once per page load, page after page.
export function savedTutorials() {
  savedRead ??= (async () => {
    const tutorials = [];
    let cursor = null;
    do {
      const query = new URLSearchParams({ limit: "100", ...(cursor ? { cursor } : {}) });
      const page = await api(`/api/tutorials/saved?${query}`, { auth: true });
      tutorials.push(...page.tutorials);
      cursor = page.next_cursor;
    } while (cursor);
    for (const tutorial of tutorials) saved.add(tutorial.id);
    return { tutorials };
  })();
  return savedRead;
}

function showSaved(button, title, isSaved) {
  // The label says the state ("Enregistré"); the hidden part says what a click does.
  button.dataset.saved = String(isSaved);
  const sr = (isSaved ? messages.tutorial_saved_sr : messages.tutorial_save_sr).split("{title}")
    .flatMap((part, i) => (i ? [h("span", { lang: "fr" }, title), part] : [part]));
  button.replaceChildren(h("span", { class: "star", "aria-hidden": "true" }),
    isSaved ? messages.tutorial_saved : messages.tutorial_save, h("span", { class: "visually-hidden" }, " ", ...sr));
}

async function toggleSaved(button, tutorial) {
  const saving = !saved.has(tutorial.id);
  button.setAttribute("aria-busy", "true");
  try {
    await api(`/api/tutorials/saved/${encodeURIComponent(tutorial.id)}`, { method: saving ? "PUT" : "DELETE", auth: true });
    if (saving) saved.add(tutorial.id); else saved.delete(tutorial.id);
    for (const other of document.querySelectorAll(".save-tutorial")) {
      if (other.dataset.tutorialId === tutorial.id) showSaved(other, tutorial.title, saving);
    }
  } catch (error) {
    button.closest(".tutorial").querySelector(".tutorial-error").textContent = errorMessage(error);
  } finally {
    button.removeAttribute("aria-busy");
  }
}

export function tutorialCard(tutorial) {
  if (tutorial.saved) saved.add(tutorial.id);
  const button = h("button", { type: "button", class: "outline secondary save-tutorial", "data-tutorial-id": tutorial.id });
  showSaved(button, tutorial.title, saved.has(tutorial.id));
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

// "Entre 6 et 15 questions, 8 en moyenne": the engine's rule, from the profile's test_length.
export function testLength(length) {
  return t("test_length", { min: length.min, max: length.max, mean: length.mean });
}
