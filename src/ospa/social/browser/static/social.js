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
      if (submitter && submitter.name) {
        const hidden = document.createElement("input");
        hidden.type = "hidden";
        hidden.name = submitter.name;
        hidden.value = submitter.value;
        form.appendChild(hidden);
      }
      HTMLFormElement.prototype.submit.call(form);
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
})();
