/* ospa.social: recommend, follow and community membership without
 * reloading the page.
 *
 * Progressive enhancement of the plain forms the server renders (the social
 * bar, author pages, @@following): each `form.ospa-social-action` is sent
 * with fetch, asking for JSON, and the page is updated in place. Without
 * this script the same forms post and redirect back.
 */
(function () {
  "use strict";

  const FORMS = "form.ospa-social-action, .ospa-social-bar form";

  function actionUrl(form) {
    // Not form.action: the hidden input named "action" shadows it.
    return new URL(form.getAttribute("action") || "", document.baseURI).href;
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

  function updateLike(form, data) {
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
    const list = box.querySelector(".ospa-likers-list");
    if (list && Array.isArray(data.likers)) {
      list.replaceChildren(
        ...data.likers.map((person) => {
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
        empty.hidden = data.likers.length > 0;
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

  // POST a form for JSON, with its buttons disabled meanwhile; return
  // {response, data}, response null when the network failed.
  async function postForm(form, body) {
    const buttons = form.querySelectorAll("button");
    buttons.forEach((button) => {
      button.disabled = true;
    });
    form.setAttribute("aria-busy", "true");
    let response = null;
    let data = null;
    try {
      response = await fetch(actionUrl(form), {
        method: "POST",
        body,
        credentials: "same-origin",
        headers: {
          Accept: "application/json",
          "X-Requested-With": "XMLHttpRequest",
        },
      });
      data = await response.json().catch(() => null);
    } catch (error) {
      response = null;
    } finally {
      buttons.forEach((button) => {
        button.disabled = false;
      });
      form.removeAttribute("aria-busy");
    }
    return { response, data };
  }

  async function send(form) {
    const box = form.closest("[data-ospa-like], [data-ospa-follow]") || form;
    const { response, data } = await postForm(form, new FormData(form));
    if (response && response.ok && data) {
      clearError(box);
      if ("liked" in data) {
        updateLike(form, data);
      } else if ("following" in data) {
        updateFollow(form, data);
      }
      form.dispatchEvent(
        new CustomEvent("ospa-social:updated", { bubbles: true, detail: data }),
      );
    } else if (response && response.status === 400 && data && data.message) {
      showError(box, data.message);
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
    if (!window.fetch || !window.FormData) {
      return;
    }
    event.preventDefault();
    send(form);
  });

  /* Communities: the membership forms of the community header and of the
   * members page (`form.ospa-community-action`, posting to
   * @@community-membership). They are sent with fetch asking for JSON; on
   * success the message is shown and the page's community regions
   * (`[data-ospa-community-region]`, by id) are replaced by fresh ones from
   * the server, or the browser goes where the server says when this page
   * is closed to the user now (they left a closed community). Without this
   * script the same forms post and redirect back with a status message.
   */
  const COMMUNITY_FORMS = "form.ospa-community-action";
  const REGIONS = "[data-ospa-community-region]";

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

  async function sendCommunity(form, submitter) {
    const box = form.closest("[data-ospa-community-box]") || form;
    const body = new FormData(form);
    if (submitter && submitter.name) {
      body.set(submitter.name, submitter.value);
    }
    const { response, data } = await postForm(form, body);
    if (response && response.ok && data) {
      clearError(box);
      form.dispatchEvent(
        new CustomEvent("ospa-community:updated", { bubbles: true, detail: data }),
      );
      if (data.redirect && !samePage(data.redirect)) {
        window.location.assign(data.redirect);
        return;
      }
      showCommunityMessage(data.message, "info");
      try {
        await refreshRegions();
      } catch (error) {
        window.location.reload();
      }
    } else if (response && response.status === 400 && data && data.message) {
      showError(box, data.message);
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
    if (!window.fetch || !window.FormData || !window.DOMParser) {
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
   *   delete, hide, accept, share) are sent with fetch asking for JSON; the
   *   answer carries the thread rendered anew (`html`), which replaces the
   *   thread on the page (a new post goes on top). Without this script the
   *   same forms post and redirect back with a status message.
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

  function elementOf(html) {
    const template = document.createElement("template");
    template.innerHTML = (html || "").trim();
    return template.content.firstElementChild;
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

  function addThread(data) {
    const list = document.getElementById("ospa-stream-items");
    const element = elementOf(data.html);
    if (!list || !element) {
      return;
    }
    list.querySelectorAll(".ospa-stream-empty").forEach((empty) => empty.remove());
    threadElement(data.thread_uid)?.remove();
    list.prepend(element);
    bumpLatest(element);
  }

  function replaceThread(data) {
    const old = threadElement(data.thread_uid);
    if (!old) {
      return;
    }
    const element = elementOf(data.html);
    if (element) {
      old.replaceWith(element);
    } else {
      old.remove();
    }
  }

  async function sendStream(form, submitter) {
    const kind = form.dataset.ospaStreamAction;
    const question = submitter?.dataset.confirm;
    if (question && !window.confirm(question)) {
      return;
    }
    const body = new FormData(form);
    if (submitter && submitter.name) {
      body.set(submitter.name, submitter.value);
    }
    const { response, data } = await postForm(form, body);
    if (response && response.ok && data) {
      clearError(form);
      if (kind === "post") {
        addThread(data);
        form.reset();
      } else if (kind === "share") {
        form.reset();
        form.closest("details")?.removeAttribute("open");
      } else {
        replaceThread(data);
      }
      const root = streamRoot();
      if (
        kind === "delete" &&
        data.deleted === data.thread_uid &&
        root?.classList.contains("ospa-stream-post")
      ) {
        // The post of this page is gone: back to its stream.
        const back = root.querySelector(".ospa-stream-back");
        window.location.assign(back ? back.href : document.baseURI);
        return;
      }
      showCommunityMessage(data.message, "info");
      document.dispatchEvent(
        new CustomEvent("ospa-stream:updated", { detail: { kind, data } }),
      );
    } else if (response && response.status === 400 && data && data.message) {
      showError(form, data.message);
    } else {
      // Login needed, token expired, server error: let the page handle it.
      submitNormally(form, submitter);
    }
  }

  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.matches(STREAM_FORMS)) {
      return;
    }
    if (!window.fetch || !window.FormData) {
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
        const response = await fetch(url, {
          credentials: "same-origin",
          headers: { Accept: "application/json" },
        });
        const data = response.ok ? await response.json() : null;
        if (data && data.count > 0) {
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
      const response = await fetch(url, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      items = response.ok ? (await response.json()).items || [] : [];
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
