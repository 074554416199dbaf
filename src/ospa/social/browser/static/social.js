/* ospa.social: recommend, follow, community membership and the stream
 * without reloading the page.
 *
 * Progressive enhancement of the plain forms the server renders: without
 * this script they post (with the CSRF token) and redirect back with a
 * status message. With it, each form is carried out by the add-on's
 * plone.restapi service (the form's `data-ospa-rest` names it) and the page
 * is updated in place: the Classic UI has no JSON API of its own. The
 * server renders HTML only; where a part of the page must be drawn anew
 * (a thread, the community header) the script fetches that part as HTML.
 */
(function () {
  "use strict";

  const FORMS = "form.ospa-social-action, .ospa-social-bar form";

  // The CSRF token of a form, sent along although JSON needs none (see
  // restapi/csrf.py): a proxy that rewrites the content type cannot make
  // a cookie-authenticated write forgeable.
  function tokenOf(form) {
    return form?.querySelector('input[name="_authenticator"]')?.value || "";
  }

  // A call to a REST service as the logged-in user; {response, data},
  // response null when the network failed, data {} for an empty reply.
  async function rest(method, url, body, form) {
    const headers = { Accept: "application/json" };
    const init = { method, headers, credentials: "same-origin" };
    if (method !== "GET") {
      headers["Content-Type"] = "application/json";
      headers["X-CSRF-TOKEN"] = tokenOf(form);
      init.body = JSON.stringify(body || {});
    }
    let response = null;
    let data = null;
    try {
      response = await fetch(url, init);
      const text = await response.text();
      data = text ? JSON.parse(text) : {};
    } catch (error) {
      data = null;
    }
    return { response, data };
  }

  // The message of a refusal the person can act on (400, 403, 404, 409),
  // or null: then the plain form should be sent (a 401 logs in there).
  function refusal(response, data) {
    if (!response || !data || ![400, 403, 404, 409].includes(response.status)) {
      return null;
    }
    return data.message || data.error?.message || null;
  }

  // Run `work` with the form's buttons disabled and the form busy.
  async function busy(form, work) {
    const buttons = form.querySelectorAll("button");
    buttons.forEach((button) => {
      button.disabled = true;
    });
    form.setAttribute("aria-busy", "true");
    try {
      return await work();
    } finally {
      buttons.forEach((button) => {
        button.disabled = false;
      });
      form.removeAttribute("aria-busy");
    }
  }

  function actionOf(form, submitter) {
    if (submitter && submitter.name === "action") {
      return submitter.value;
    }
    return form.querySelector('input[name="action"]')?.value || "";
  }

  function setToggle(form, on, nextAction) {
    const input = form.querySelector('input[name="action"]');
    if (input) {
      input.value = nextAction;
    }
    const button = form.querySelector(".ospa-like-button, .ospa-follow-button");
    if (!button) {
      return;
    }
    button.setAttribute("aria-pressed", on ? "true" : "false");
    const label = button.querySelector(".ospa-like-label, .ospa-follow-label");
    const text = on ? button.dataset.labelOn : button.dataset.labelOff;
    if (label && text) {
      label.textContent = text;
    }
  }

  function setCount(element, count) {
    element.textContent = String(count);
    const noun = element.parentElement?.querySelector(".ospa-count-noun");
    const text = count === 1 ? noun?.dataset.one : noun?.dataset.other;
    if (text) {
      noun.textContent = text;
    }
  }

  function showError(box, message) {
    let alert = box.querySelector(".ospa-social-error");
    if (!alert) {
      alert = document.createElement("div");
      alert.className = "ospa-social-error alert alert-danger py-1 px-2 mb-0 small";
      alert.setAttribute("role", "alert");
      box.appendChild(alert);
    }
    alert.textContent = message;
  }

  function clearError(box) {
    box.querySelectorAll(".ospa-social-error").forEach((alert) => alert.remove());
  }

  function showLikers(box, likers) {
    const list = box.querySelector(".ospa-likers-list");
    if (!list) {
      return;
    }
    list.replaceChildren(
      ...likers.map((person) => {
        const item = document.createElement("li");
        item.dataset.userid = person.id;
        const link = document.createElement("a");
        link.href = person.url;
        // A name may hold bidi controls: isolated, like in the templates.
        link.dir = "auto";
        link.textContent = person.fullname;
        item.appendChild(link);
        return item;
      }),
    );
    const empty = box.querySelector(".ospa-likers-empty");
    if (empty) {
      empty.hidden = likers.length > 0;
    }
  }

  async function updateLike(form, data) {
    const box = form.closest("[data-ospa-like]") || form;
    const liked = Boolean(data.liked);
    box.dataset.liked = liked ? "true" : "false";
    box.dataset.count = String(data.count);
    setToggle(form, liked, liked ? "unlike" : "like");
    const button = form.querySelector(".ospa-like-button");
    if (button) {
      button.classList.toggle("btn-primary", liked);
      button.classList.toggle("btn-outline-primary", !liked);
    }
    box.querySelectorAll(".ospa-like-count").forEach((count) => {
      setCount(count, data.count);
    });
    if (box.querySelector(".ospa-likers-list")) {
      // The reply to a like names no likers (they cost on a popular item):
      // the first page of them, as GET @likes lists them.
      const listed = await rest("GET", form.dataset.ospaRest);
      if (listed.response?.ok && Array.isArray(listed.data?.items)) {
        showLikers(box, listed.data.items);
      }
    }
  }

  function followBoxes(form, data) {
    const own = form.closest("[data-ospa-follow]");
    const boxes = new Set(own ? [own] : []);
    if (data.kind && data.target) {
      const selector =
        `[data-ospa-follow][data-kind="${CSS.escape(data.kind)}"]` +
        `[data-target="${CSS.escape(data.target)}"]`;
      document.querySelectorAll(selector).forEach((box) => boxes.add(box));
    }
    return boxes;
  }

  function updateFollow(form, data) {
    const following = Boolean(data.following);
    for (const box of followBoxes(form, data)) {
      box.dataset.following = following ? "true" : "false";
      box.querySelectorAll("form").forEach((each) => {
        setToggle(each, following, following ? "unfollow" : "follow");
        const button = each.querySelector(".ospa-follow-button");
        if (button) {
          button.classList.toggle("btn-primary", !following);
          button.classList.toggle("btn-outline-secondary", following);
        }
      });
      box.querySelectorAll(".ospa-followers-count").forEach((count) => {
        setCount(count, data.followers_count);
      });
      const item = box.closest(".ospa-following-item");
      if (item) {
        item.classList.toggle("ospa-unfollowed", !following);
      }
    }
  }

  // What a like or follow form asks of its REST service (@likes, @following).
  function toggleCall(form) {
    const action = actionOf(form);
    const on = action === "like" || action === "follow";
    if (form.classList.contains("ospa-follow-form")) {
      const value = (name) => form.querySelector(`input[name="${name}"]`)?.value;
      return [on ? "POST" : "DELETE", { kind: value("kind"), target: value("target") }];
    }
    return [on ? "POST" : "DELETE", undefined];
  }

  async function send(form) {
    const box = form.closest("[data-ospa-like], [data-ospa-follow]") || form;
    const [method, body] = toggleCall(form);
    const { response, data } = await busy(form, () =>
      rest(method, form.dataset.ospaRest, body, form),
    );
    if (response && response.ok && data) {
      clearError(box);
      if ("liked" in data) {
        await updateLike(form, data);
      } else if ("following" in data) {
        updateFollow(form, data);
      }
      form.dispatchEvent(
        new CustomEvent("ospa-social:updated", { bubbles: true, detail: data }),
      );
      return;
    }
    const message = refusal(response, data);
    if (message) {
      showError(box, message);
    } else {
      // Login needed, token expired, server error: let the page handle it.
      HTMLFormElement.prototype.submit.call(form);
    }
  }

  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.matches(FORMS)) {
      return;
    }
    if (!window.fetch || !form.dataset.ospaRest) {
      return;
    }
    event.preventDefault();
    send(form);
  });

  /* Communities: the membership forms of the community header and of the
   * members page (`form.ospa-community-action`). The script sends them to
   * the community's `@members` service (`data-ospa-rest`); on success the
   * reply's message is shown and the page's community regions
   * (`[data-ospa-community-region]`, by id) are replaced by fresh ones from
   * the server, or the browser leaves a page that is closed to the person
   * now (they left a secret or closed community).
   */
  const COMMUNITY_FORMS = "form.ospa-community-action";
  const REGIONS = "[data-ospa-community-region]";

  // The @members call of a membership form: [method, url, body].
  function membershipCall(form, submitter) {
    const fields = new FormData(form);
    if (submitter && submitter.name) {
      fields.set(submitter.name, submitter.value);
    }
    const text = (name) => String(fields.get(name) || "").trim();
    const action = text("action");
    const base = form.dataset.ospaRest;
    const me = form.dataset.ospaMe;
    const userid = text("userid");
    const member = (id) => `${base}/${encodeURIComponent(id)}`;
    const message = fields.get("message") ? { message: fields.get("message") } : {};
    switch (action) {
      case "join":
        return ["POST", base, message];
      case "leave":
        return ["DELETE", member(me)];
      case "accept":
        return ["PATCH", member(me), { action: "accept", ...message }];
      case "decline":
        return ["PATCH", member(userid || me), { action: "decline", ...message }];
      case "approve":
        return ["PATCH", member(userid), { action: "approve", ...message }];
      case "invite":
        return [
          "POST",
          base,
          { user: userid, role: text("role") || "member", ...message },
        ];
      case "set_role":
        return ["PATCH", member(userid), { role: text("role") }];
      case "remove":
        return ["DELETE", member(userid)];
      default:
        return null;
    }
  }

  function samePage(url) {
    const target = new URL(url, document.baseURI);
    const here = new URL(window.location.href);
    return (
      target.origin === here.origin &&
      target.pathname.replace(/\/$/, "") === here.pathname.replace(/\/$/, "") &&
      target.search === here.search
    );
  }

  function showCommunityMessage(message, kind) {
    const area = document.getElementById("global_statusmessage");
    if (!area || !message) {
      return;
    }
    area.querySelectorAll(".ospa-community-message").forEach((old) => old.remove());
    const alert = document.createElement("div");
    alert.className = `ospa-community-message alert alert-${kind}`;
    alert.setAttribute("role", kind === "danger" ? "alert" : "status");
    alert.textContent = message;
    area.appendChild(alert);
  }

  async function refreshRegions() {
    const response = await fetch(window.location.href, {
      credentials: "same-origin",
      headers: { Accept: "text/html" },
    });
    if (!response.ok) {
      throw new Error(`status ${response.status}`);
    }
    const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
    document.querySelectorAll(REGIONS).forEach((region) => {
      const replacement = region.id && fresh.getElementById(region.id);
      if (replacement) {
        region.replaceWith(document.importNode(replacement, true));
      }
    });
    document.dispatchEvent(new CustomEvent("ospa-community:refreshed"));
  }

  // Send a form the plain way (a full page load), keeping the button pressed.
  function submitNormally(form, submitter) {
    if (submitter && submitter.name) {
      const hidden = document.createElement("input");
      hidden.type = "hidden";
      hidden.name = submitter.name;
      hidden.value = submitter.value;
      form.appendChild(hidden);
    }
    HTMLFormElement.prototype.submit.call(form);
  }

  // Where to go after a change of one's own membership, or null to stay.
  function awayUrl(form, data) {
    if (data.id !== form.dataset.ospaMe) {
      return null;
    }
    if (!data.can_see) {
      return form.dataset.ospaAway;
    }
    const community = form.dataset.ospaRest.replace(/\/@members$/, "");
    if (!data.state?.can_see_content && !samePage(community)) {
      return community;
    }
    return null;
  }

  async function sendCommunity(form, submitter) {
    const box = form.closest("[data-ospa-community-box]") || form;
    const call = membershipCall(form, submitter);
    if (!call) {
      submitNormally(form, submitter);
      return;
    }
    const [method, url, body] = call;
    const { response, data } = await busy(form, () => rest(method, url, body, form));
    if (response && response.ok && data) {
      clearError(box);
      form.dispatchEvent(
        new CustomEvent("ospa-community:updated", { bubbles: true, detail: data }),
      );
      const away = awayUrl(form, data);
      if (away) {
        window.location.assign(away);
        return;
      }
      showCommunityMessage(data.message, "info");
      try {
        await refreshRegions();
      } catch (error) {
        window.location.reload();
      }
      return;
    }
    const message = refusal(response, data);
    if (message) {
      showError(box, message);
    } else {
      // Login needed, token expired, server error: let the page handle it.
      submitNormally(form, submitter);
    }
  }

  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.matches(COMMUNITY_FORMS)) {
      return;
    }
    if (!window.fetch || !window.DOMParser || !form.dataset.ospaRest) {
      return;
    }
    event.preventDefault();
    sendCommunity(form, event.submitter);
  });

  /* ---------------------------------------------------------------------
   * The activity stream (issue 4): @@stream, a community's stream tab,
   * @@hashtag, @@questions, a post's page and "Share to stream".
   *
   * - The stream forms (`form.ospa-stream-form`: composer, reply, edit,
   *   delete, hide, accept, share) are carried out by the REST services
   *   (the content POST of a community or /stream, PATCH and DELETE of a
   *   post, `@workflow/hide|show`, `@answer`); then the thread is fetched
   *   as HTML (`?fragment=thread` of its post) and replaces the one on the
   *   page (a new post goes on top). The message shown is the form's
   *   (`data-ospa-done`, the same the form target would show).
   * - "Load more" (`#ospa-stream-more`, a link with ?before=) appends the
   *   next page, fetched as `?fragment=items`.
   * - Every `data-poll-seconds` (60) the page asks `data-new-url` for the
   *   number of items newer than `data-latest` and shows the banner; the
   *   banner shows them. The interval is read anew each second.
   * - Textareas with `data-ospa-mention` (the URL of @@mention-search)
   *   suggest people after an "@".
   */
  const STREAM_FORMS = "form.ospa-stream-form";

  function streamRoot() {
    return document.getElementById("ospa-stream");
  }

  function threadElement(uid) {
    return uid
      ? document.querySelector(`[data-ospa-thread="${CSS.escape(uid)}"]`)
      : null;
  }

  function bumpLatest(element) {
    const root = streamRoot();
    const stamp = Number(element?.dataset.timestamp);
    if (root && root.dataset.latest && stamp > Number(root.dataset.latest)) {
      root.dataset.latest = String(stamp);
    }
  }

  // The thread (top-level post) rendered anew, as HTML: "" when gone.
  async function threadHtml(url, form) {
    const target = new URL(url, document.baseURI);
    target.searchParams.set("fragment", "thread");
    const cameFrom = form.querySelector('input[name="came_from"]')?.value;
    target.searchParams.set("came_from", cameFrom || window.location.href);
    const response = await fetch(target, {
      credentials: "same-origin",
      headers: { Accept: "text/html" },
    });
    if (!response.ok) {
      throw new Error(`status ${response.status}`);
    }
    return response.text();
  }

  // The thread of a `?fragment=thread` answer (the server may have made
  // the fragment a whole document), or null when there is none.
  function threadOf(html) {
    const fresh = new DOMParser().parseFromString(html || "", "text/html");
    const element = fresh.querySelector("[data-ospa-thread]");
    return element ? document.importNode(element, true) : null;
  }

  function addThread(uid, html) {
    const list = document.getElementById("ospa-stream-items");
    const element = threadOf(html);
    if (!list || !element) {
      return;
    }
    list.querySelectorAll(".ospa-stream-empty").forEach((empty) => empty.remove());
    threadElement(uid)?.remove();
    list.prepend(element);
    bumpLatest(element);
  }

  function replaceThread(old, html) {
    const element = threadOf(html);
    if (element) {
      old.replaceWith(element);
    } else {
      old.remove();
    }
  }

  function fileAsJson(file) {
    return new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => {
        const data = String(reader.result);
        resolve({
          data: data.slice(data.indexOf(",") + 1),
          encoding: "base64",
          filename: file.name,
          "content-type": file.type || "application/octet-stream",
        });
      };
      reader.onerror = () => reject(reader.error);
      reader.readAsDataURL(file);
    });
  }

  // The REST call of a stream form: {method, url, body, outcome}.
  async function streamCall(form, submitter) {
    const kind = form.dataset.ospaStreamAction;
    const fields = new FormData(form);
    if (submitter && submitter.name) {
      fields.set(submitter.name, submitter.value);
    }
    const value = (name) => String(fields.get(name) || "");
    // As typed, with the line ends of any browser made LF.
    const text = value("text").replace(/\r\n?/g, "\n");
    const url = form.dataset.ospaRest;
    if (kind === "post" || kind === "share") {
      const place = form.querySelector('[name="place"]');
      const chosen = place?.tagName === "SELECT" ? place.selectedOptions[0] : place;
      const body = { "@type": "Post", text };
      if (value("question")) {
        body.question = true;
      }
      if (value("about")) {
        body.about = value("about");
      }
      const file = fields.get("attachment");
      if (file && file.name) {
        body.attachment = await fileAsJson(file);
      }
      const outcome = body.question ? "question" : "post";
      return { method: "POST", url: chosen?.dataset.ospaRest, body, outcome };
    }
    if (kind === "reply") {
      const body = { "@type": "Post", text, in_reply_to: value("in_reply_to") };
      return { method: "POST", url, body, outcome: "reply" };
    }
    if (kind === "edit") {
      return { method: "PATCH", url, body: { text }, outcome: "edit" };
    }
    if (kind === "delete") {
      return { method: "DELETE", url, outcome: "delete" };
    }
    const action = value("action");
    if (kind === "hide") {
      return { method: "POST", url: `${url}/@workflow/${action}`, outcome: action };
    }
    if (kind === "accept" && action === "accept") {
      return { method: "POST", url, body: { reply: value("reply") }, outcome: action };
    }
    if (kind === "accept") {
      return { method: "DELETE", url, outcome: action };
    }
    return null;
  }

  async function sendStream(form, submitter) {
    const kind = form.dataset.ospaStreamAction;
    const question = submitter?.dataset.confirm;
    if (question && !window.confirm(question)) {
      return;
    }
    let call = null;
    try {
      call = await streamCall(form, submitter);
    } catch (error) {
      call = null;
    }
    if (!call || !call.url) {
      submitNormally(form, submitter);
      return;
    }
    const { response, data } = await busy(form, () =>
      rest(call.method, call.url, call.body, form),
    );
    if (!response || !response.ok || !data) {
      const message = refusal(response, data);
      if (message) {
        showError(form, message);
      } else {
        // Login needed, token expired, server error: let the page handle it.
        submitNormally(form, submitter);
      }
      return;
    }
    clearError(form);
    const root = streamRoot();
    const thread = form.closest("[data-ospa-thread]");
    const done = JSON.parse(form.dataset.ospaDone || "{}")[call.outcome];
    try {
      if (kind === "post") {
        addThread(data.UID, await threadHtml(data["@id"], form));
        form.reset();
      } else if (kind === "share") {
        form.reset();
        form.closest("details")?.removeAttribute("open");
      } else if (kind === "delete" && thread && call.url === thread.dataset.ospaThreadUrl) {
        if (root?.classList.contains("ospa-stream-post")) {
          // The post of this page is gone: back to its stream.
          const back = root.querySelector(".ospa-stream-back");
          window.location.assign(back ? back.href : document.baseURI);
          return;
        }
        thread.remove();
      } else if (thread) {
        replaceThread(thread, await threadHtml(thread.dataset.ospaThreadUrl, form));
      }
    } catch (error) {
      window.location.reload();
      return;
    }
    showCommunityMessage(done, "info");
    document.dispatchEvent(
      new CustomEvent("ospa-stream:updated", { detail: { kind, data } }),
    );
  }

  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.matches(STREAM_FORMS)) {
      return;
    }
    if (!window.fetch || !window.FileReader) {
      return;
    }
    event.preventDefault();
    sendStream(form, event.submitter);
  });

  // A page of items (`?fragment=items`): {items, more}, or null.
  async function fetchItems(url) {
    const target = new URL(url, document.baseURI);
    target.searchParams.set("fragment", "items");
    try {
      const response = await fetch(target, {
        credentials: "same-origin",
        headers: { Accept: "text/html" },
      });
      if (!response.ok) {
        return null;
      }
      const fresh = new DOMParser().parseFromString(
        await response.text(),
        "text/html",
      );
      const items = fresh.getElementById("ospa-stream-items");
      return items
        ? { items, more: fresh.getElementById("ospa-stream-more-box") }
        : null;
    } catch (error) {
      return null;
    }
  }

  function replaceMore(more) {
    const box = document.getElementById("ospa-stream-more-box");
    if (box && more) {
      box.replaceWith(document.importNode(more, true));
    }
  }

  document.addEventListener("click", async (event) => {
    const link = event.target.closest?.("#ospa-stream-more");
    const list = document.getElementById("ospa-stream-items");
    if (!link || !list || !window.fetch || !window.DOMParser) {
      return;
    }
    event.preventDefault();
    link.setAttribute("aria-busy", "true");
    link.classList.add("disabled");
    const page = await fetchItems(link.href);
    if (!page) {
      window.location.assign(link.href);
      return;
    }
    for (const article of page.items.querySelectorAll(":scope > article")) {
      if (!document.getElementById(article.id)) {
        list.appendChild(document.importNode(article, true));
      }
    }
    replaceMore(page.more);
    document.dispatchEvent(new CustomEvent("ospa-stream:more"));
  });

  function showBanner(banner, count) {
    const button = banner.querySelector("button");
    const text = count === 1 ? button.dataset.one : button.dataset.other;
    button.textContent = (text || "{count}").replace(
      "{count}",
      count >= 99 ? "99+" : String(count),
    );
    banner.dataset.count = String(count);
    banner.hidden = false;
  }

  async function showNewest(root, banner) {
    const page = await fetchItems(root.dataset.fragmentUrl);
    const list = document.getElementById("ospa-stream-items");
    if (!page || !list) {
      window.location.reload();
      return;
    }
    list.replaceWith(document.importNode(page.items, true));
    replaceMore(page.more);
    if (page.items.dataset.latest) {
      root.dataset.latest = page.items.dataset.latest;
    }
    banner.hidden = true;
    document.dispatchEvent(new CustomEvent("ospa-stream:refreshed"));
  }

  function pollForNew() {
    const root = streamRoot();
    const banner = document.getElementById("ospa-stream-banner");
    if (!root || !banner || !root.dataset.newUrl || !window.fetch) {
      return;
    }
    banner.querySelector("button").addEventListener("click", () => {
      showNewest(root, banner);
    });
    let last = Date.now();
    let busy = false;
    window.setInterval(async () => {
      const seconds = Number(root.dataset.pollSeconds) || 60;
      const latest = root.dataset.latest;
      if (busy || !latest || document.hidden || Date.now() - last < seconds * 1000) {
        return;
      }
      busy = true;
      last = Date.now();
      try {
        const url = new URL(root.dataset.newUrl, document.baseURI);
        url.searchParams.set("since", latest);
        const { response, data } = await rest("GET", url);
        if (response?.ok && data && data.count > 0) {
          showBanner(banner, data.count);
        }
      } catch (error) {
        // Offline for a moment: try again next time.
      } finally {
        busy = false;
      }
    }, 1000);
  }

  // @mentions: suggestions after "@" in textareas with data-ospa-mention.
  const MENTION = /(?:^|[^\p{L}\p{N}_@/])@([\p{L}\p{N}_.-]+)$/u;
  let mentionList = null;
  let mention = null;
  let mentionTimer = null;
  let mentionSequence = 0;

  function mentionBox() {
    if (!mentionList) {
      mentionList = document.createElement("ul");
      mentionList.id = "ospa-mention-list";
      mentionList.className = "ospa-mention-list list-group shadow";
      mentionList.setAttribute("role", "listbox");
      mentionList.hidden = true;
      mentionList.addEventListener("mousedown", (event) => {
        const option = event.target.closest("[data-index]");
        if (option) {
          event.preventDefault();
          chooseMention(Number(option.dataset.index));
        }
      });
      document.body.appendChild(mentionList);
    }
    return mentionList;
  }

  function closeMentions() {
    if (mentionList) {
      mentionList.hidden = true;
      mentionList.replaceChildren();
    }
    if (mention) {
      mention.textarea.setAttribute("aria-expanded", "false");
      mention.textarea.removeAttribute("aria-activedescendant");
    }
    mention = null;
  }

  function highlightMention(index) {
    if (!mention) {
      return;
    }
    mention.index = (index + mention.items.length) % mention.items.length;
    mentionList.querySelectorAll("[data-index]").forEach((option) => {
      const active = Number(option.dataset.index) === mention.index;
      option.classList.toggle("active", active);
      option.setAttribute("aria-selected", active ? "true" : "false");
      if (active) {
        mention.textarea.setAttribute("aria-activedescendant", option.id);
      }
    });
  }

  function chooseMention(index) {
    if (!mention) {
      return;
    }
    const { textarea, start, items } = mention;
    const person = items[index];
    const end = Math.max(textarea.selectionStart, start + 1);
    const insert = `@${person.id} `;
    textarea.value =
      textarea.value.slice(0, start) + insert + textarea.value.slice(end);
    const caret = start + insert.length;
    textarea.focus();
    textarea.setSelectionRange(caret, caret);
    closeMentions();
  }

  async function lookUpMentions(textarea) {
    const caret = textarea.selectionStart;
    const found = textarea.value.slice(0, caret).match(MENTION);
    if (!found) {
      closeMentions();
      return;
    }
    const query = found[1];
    const sequence = ++mentionSequence;
    let items = [];
    try {
      const url = new URL(textarea.dataset.ospaMention, document.baseURI);
      url.searchParams.set("q", query);
      const { response, data } = await rest("GET", url);
      items = response?.ok && data ? data.items || [] : [];
    } catch (error) {
      items = [];
    }
    if (sequence !== mentionSequence) {
      return;
    }
    if (!items.length) {
      closeMentions();
      return;
    }
    const list = mentionBox();
    list.replaceChildren(
      ...items.map((person, index) => {
        const option = document.createElement("li");
        option.id = `ospa-mention-${index}`;
        option.className = "list-group-item list-group-item-action ospa-mention-option";
        option.setAttribute("role", "option");
        option.dataset.index = String(index);
        option.dataset.userid = person.id;
        const name = document.createElement("span");
        name.className = "ospa-mention-name";
        name.dir = "auto";
        name.textContent = person.fullname;
        const id = document.createElement("span");
        id.className = "ospa-mention-id text-muted small ms-2";
        id.textContent = `@${person.id}`;
        option.append(name, id);
        return option;
      }),
    );
    const box = textarea.getBoundingClientRect();
    list.style.left = `${box.left + window.scrollX}px`;
    list.style.top = `${box.bottom + window.scrollY}px`;
    list.style.minWidth = `${Math.min(box.width, 320)}px`;
    list.hidden = false;
    mention = { textarea, start: caret - query.length - 1, items, index: 0 };
    textarea.setAttribute("aria-controls", list.id);
    textarea.setAttribute("aria-expanded", "true");
    highlightMention(0);
  }

  document.addEventListener("input", (event) => {
    const textarea = event.target;
    if (!(textarea instanceof HTMLTextAreaElement) || !textarea.dataset.ospaMention) {
      return;
    }
    window.clearTimeout(mentionTimer);
    mentionTimer = window.setTimeout(() => lookUpMentions(textarea), 150);
  });

  document.addEventListener("keydown", (event) => {
    if (!mention || event.target !== mention.textarea) {
      return;
    }
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      highlightMention(mention.index + (event.key === "ArrowDown" ? 1 : -1));
    } else if (event.key === "Enter" || event.key === "Tab") {
      event.preventDefault();
      chooseMention(mention.index);
    } else if (event.key === "Escape") {
      event.preventDefault();
      closeMentions();
    }
  });

  document.addEventListener("focusout", (event) => {
    if (mention && event.target === mention.textarea) {
      window.setTimeout(closeMentions, 150);
    }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", pollForNew);
  } else {
    pollForNew();
  }
})();
