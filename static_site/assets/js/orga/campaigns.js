// Pix Orga: the organisation's campaigns, page by page, filtered (mine, state, type); each row shows its code.
import { api } from "../api.js";
import { done, formatDate, h, showLoadError, t } from "../ui.js";
import { currentOrganizationId, orgaLink, organizationPath } from "./current.js";

const loading = document.getElementById("loading");
const box = document.querySelector(".form-status");
const orgId = currentOrganizationId();
const rows = document.getElementById("campaigns-rows");
const more = document.getElementById("more");
const filters = document.getElementById("filters");
let cursor = null;

function row(campaign) {
  return h("tr", null,
    h("td", null, h("a", { href: orgaLink("campagnes/campagne/", orgId, { id: campaign.id }) }, campaign.name),
      campaign.archived_at ? h("span", { class: "badge muted" }, ` ${t("org_archived")}`) : null),
    h("td", null, h("code", null, campaign.code)),
    h("td", null, t(`org_type_${campaign.type}`)),
    h("td", null, campaign.target_profile_name || "—"),
    h("td", null, formatDate(campaign.created_at)));
}

async function load(reset) {
  if (reset) { cursor = null; rows.replaceChildren(); }
  const query = new URLSearchParams({ limit: "20", archived: filters.archived.value });
  if (filters.mine.checked) query.set("mine", "true");
  if (filters.type.value) query.set("type", filters.type.value);
  if (cursor) query.set("cursor", cursor);
  const page = await api(organizationPath(orgId, `/campaigns?${query}`), { auth: true });
  rows.append(...page.campaigns.map(row));
  cursor = page.next_cursor;
  more.hidden = !cursor;
  document.getElementById("campaigns-empty").hidden = rows.children.length > 0;
  document.getElementById("count").textContent = t("org_campaigns_count", { count: rows.children.length });
}

filters.addEventListener("change", async () => {
  try { await load(true); } catch (error) { showLoadError(error, box); }
});
filters.addEventListener("submit", (event) => event.preventDefault());
more.addEventListener("click", async () => {
  const before = rows.children.length;
  try {
    await load(false);
    rows.children[before]?.querySelector("a").focus();
  } catch (error) { showLoadError(error, box); }
});

try {
  if (!orgId) throw Object.assign(new Error(""), { code: "ORGANIZATION_NOT_FOUND" });
  const org = await api(organizationPath(orgId), { auth: true });
  document.getElementById("org-name").textContent = org.name;
  document.getElementById("create").href = orgaLink("campagnes/nouvelle/", orgId);
  await load(true);
  document.getElementById("campaigns").hidden = false;
} catch (error) {
  showLoadError(error, box);
} finally {
  done(loading);
}
