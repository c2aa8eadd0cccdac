// Pix Orga: the organisation's campaigns, page by page, filtered (mine, state, type); each row shows its code.
import { api } from "../api.js";
import { pagedList } from "../paged-list.js";
import { done, formatDate, h, showLoadError, t } from "../ui.js";
import { currentOrganizationId, orgaLink, organizationPath } from "./current.js";

const loading = document.getElementById("loading");
const box = document.querySelector(".form-status");
const orgId = currentOrganizationId();
const filters = document.getElementById("filters");

function row(campaign) {
  return h("tr", null,
    h("td", null, h("a", { href: orgaLink("campagnes/campagne/", orgId, { id: campaign.id }) }, campaign.name),
      campaign.archived_at ? h("span", { class: "badge muted" }, ` ${t("org_archived")}`) : null),
    h("td", null, h("code", null, campaign.code)),
    h("td", null, t(`org_type_${campaign.type}`)),
    h("td", null, campaign.target_profile_name || "—"),
    h("td", null, formatDate(campaign.created_at)));
}

const list = pagedList({
  rows: document.getElementById("campaigns-rows"),
  more: document.getElementById("more"),
  fetchPage: (cursor) => {
    const query = new URLSearchParams({ limit: "20", archived: filters.archived.value });
    if (filters.mine.checked) query.set("mine", "true");
    if (filters.type.value) query.set("type", filters.type.value);
    if (cursor) query.set("cursor", cursor);
    return api(organizationPath(orgId, `/campaigns?${query}`), { auth: true });
  },
  items: (page) => page.campaigns,
  row,
  onPage: (count) => {
    document.getElementById("campaigns-empty").hidden = count > 0;
    document.getElementById("count").textContent = t("org_campaigns_count", { count });
  },
  onError: (error) => showLoadError(error, box),
});

filters.addEventListener("change", () => list.reload());
filters.addEventListener("submit", (event) => event.preventDefault());

try {
  if (!orgId) throw Object.assign(new Error(""), { code: "ORGANIZATION_NOT_FOUND" });
  const org = await api(organizationPath(orgId), { auth: true });
  document.getElementById("org-name").textContent = org.name;
  document.getElementById("create").href = orgaLink("campagnes/nouvelle/", orgId);
  if ((await list.reload()) !== null) document.getElementById("campaigns").hidden = false;
} catch (error) {
  showLoadError(error, box);
} finally {
  done(loading);
}
