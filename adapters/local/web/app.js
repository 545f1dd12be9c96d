// The local web chat: rooms as a chat client, the neutral card tree drawn as HTML with working
// buttons, live updates over Server-Sent Events, and a command box. Plain browser JS, no build.
// Every piece of data goes into the page through textContent or a property, never innerHTML:
// card text is customer text.
'use strict';

(() => {
  const STORAGE = { actor: 'feedback-desk.actor', room: 'feedback-desk.room' };
  const ROLE_LABELS = { agent: '坐席 Agent', supervisor: '主管 Supervisor', admin: '管理员 Admin' };
  const TONE_LABELS = { info: '信息 Info', warning: '注意 Warning', danger: '紧急 Urgent' };
  // Follow new messages only when the reader is already near the bottom, so reading history is
  // not interrupted by a card arriving.
  const STICK_TO_BOTTOM_PX = 160;
  const RECONNECT_DELAY_MS = 2000;

  const $ = (id) => document.getElementById(id);
  const ui = {
    actor: $('actor-select'),
    rooms: $('room-list'),
    roomTitle: $('room-title'),
    roomPurpose: $('room-purpose'),
    messages: $('messages'),
    pageError: $('page-error'),
    commandForm: $('command-form'),
    commandInput: $('command-input'),
    stream: $('stream-status'),
  };

  const state = {
    agents: [],
    rooms: [],
    room: null,
    unread: new Map(),
    /** Message ids whose card has a request in flight: their buttons stay disabled, even across an in-place update. */
    busy: new Set(),
    /** Bumped on every room switch so a slow fetch for the previous room is dropped. */
    loadToken: 0,
  };

  // ---------- small DOM helpers ----------

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs ?? {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'className') node.className = value;
      else if (key === 'text') node.textContent = value;
      else if (key === 'dataset') Object.assign(node.dataset, value);
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? '' : String(value));
    }
    for (const child of children) if (child) node.append(child);
    return node;
  }

  function formatTime(iso) {
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return '';
    const pad = (n) => String(n).padStart(2, '0');
    const today = new Date();
    const sameDay = d.toDateString() === today.toDateString();
    return `${sameDay ? '' : `${d.getMonth() + 1}-${pad(d.getDate())} `}${pad(d.getHours())}:${pad(d.getMinutes())}`;
  }

  /** Only ordinary web and inline-image addresses become an <img src>. */
  function safeImageUrl(url) {
    if (typeof url !== 'string') return null;
    if (/^data:image\/(png|jpe?g|gif|webp|svg\+xml);/i.test(url)) return url;
    try {
      const u = new URL(url, location.href);
      return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
    } catch {
      return null;
    }
  }

  // ---------- HTTP ----------

  async function api(method, path, body) {
    let res;
    try {
      res = await fetch(path, {
        method,
        headers: body ? { 'content-type': 'application/json' } : {},
        body: body ? JSON.stringify(body) : undefined,
      });
    } catch {
      return { ok: false, status: 0, data: { message: '无法连接服务器 / Cannot reach the server' } };
    }
    let data = null;
    try {
      data = await res.json();
    } catch {
      data = null;
    }
    if (!res.ok && !(data && typeof data.message === 'string')) {
      data = { message: `请求失败 (${res.status}) / Request failed (${res.status})` };
    }
    return { ok: res.ok, status: res.status, data };
  }

  function showPageError(message) {
    ui.pageError.textContent = message;
    ui.pageError.hidden = !message;
  }

  // ---------- identity ----------

  function currentActor() {
    return ui.actor.value;
  }

  function renderAgents() {
    ui.actor.replaceChildren(...state.agents.map((a) =>
      el('option', { value: a.id, text: `${a.name} · ${ROLE_LABELS[a.role] ?? a.role}` })));
    const saved = localStorage.getItem(STORAGE.actor);
    const chosen = state.agents.find((a) => a.id === saved) ?? state.agents[0];
    if (chosen) ui.actor.value = chosen.id;
    ui.actor.disabled = state.agents.length === 0;
    if (state.agents.length === 0) {
      ui.actor.replaceChildren(el('option', { value: '', text: '没有坐席 / No agents' }));
    }
  }

  ui.actor.addEventListener('change', () => localStorage.setItem(STORAGE.actor, ui.actor.value));

  // ---------- rooms ----------

  function renderRooms() {
    ui.rooms.replaceChildren(...state.rooms.map((room) => {
      const count = state.unread.get(room.id) ?? 0;
      const selected = room.id === state.room;
      return el('li', {},
        el('button', {
          type: 'button', className: `room-button${selected ? ' selected' : ''}`,
          'data-room': room.id, 'aria-current': selected ? 'true' : undefined,
          onclick: () => selectRoom(room.id),
        },
        el('span', { className: 'room-name', text: room.name }),
        count > 0 ? el('span', { className: 'unread', 'data-unread': String(count), 'aria-label': `${count} 条未读 / ${count} unread`, text: count > 99 ? '99+' : String(count) }) : null));
    }));
  }

  function selectRoom(id) {
    const room = state.rooms.find((r) => r.id === id);
    if (!room) return;
    state.room = id;
    state.unread.delete(id);
    localStorage.setItem(STORAGE.room, id);
    ui.roomTitle.textContent = room.name;
    ui.roomPurpose.textContent = purposeLabel(room.purpose);
    ui.messages.replaceChildren();
    ui.messages.dataset.showing = id;
    delete ui.messages.dataset.loaded;
    renderRooms();
    void loadRoom({ scroll: 'force' });
  }

  function purposeLabel(purpose) {
    return {
      intake: '新反馈 · New feedback',
      escalation: '升级处理 · Escalated items',
      warnings: '预警 · Early warnings',
      digests: '日报周报 · Reports',
    }[purpose] ?? purpose;
  }

  /** Fetches the current room and merges it into the view (used on select and on every (re)connect). */
  async function loadRoom({ scroll } = {}) {
    const room = state.room;
    if (!room) return;
    const token = ++state.loadToken;
    const res = await api('GET', `/local/api/rooms/${encodeURIComponent(room)}/messages`);
    if (token !== state.loadToken || room !== state.room) return;
    if (!res.ok) {
      showPageError(res.data.message);
      return;
    }
    showPageError('');
    const follow = scroll === 'force' || nearBottom();
    for (const message of res.data.messages) upsertMessage(message);
    ui.messages.dataset.loaded = 'true';
    if (follow) scrollToBottom();
  }

  // ---------- messages ----------

  function nearBottom() {
    const m = ui.messages;
    return m.scrollHeight - m.scrollTop - m.clientHeight < STICK_TO_BOTTOM_PX;
  }

  function scrollToBottom() {
    ui.messages.scrollTop = ui.messages.scrollHeight;
  }

  /**
   * Inserts a room message in id order, or replaces the element that shows it. An older copy
   * (a re-fetch that raced a live update) never overwrites a newer one.
   */
  function upsertMessage(message) {
    const existing = document.getElementById(`msg-${message.id}`);
    if (existing) {
      if (Date.parse(existing.dataset.updatedAt) > Date.parse(message.updatedAt)) return;
      if (existing.dataset.updatedAt === message.updatedAt) return;
      const next = renderMessage(message);
      carryOver(existing, next);
      existing.replaceWith(next);
      return;
    }
    const node = renderMessage(message);
    const later = [...ui.messages.querySelectorAll('[data-message-id]')]
      .find((other) => Number(other.dataset.messageId) > message.id);
    if (later) later.before(node);
    else ui.messages.append(node);
  }

  /** An open form (with what was typed) and a shown refusal survive the card being redrawn. */
  function carryOver(from, to) {
    const form = from.querySelector('.action-form');
    const action = form?.dataset.formAction;
    if (form && to.querySelector(`.card-actions [data-action="${CSS.escape(action)}"]`)) {
      to.querySelector('.card-extras').append(form);
    }
    const error = from.querySelector('.card-error:not([hidden])');
    if (error) {
      const target = to.querySelector('.card-error');
      target.textContent = error.textContent;
      target.hidden = false;
    }
  }

  function renderMessage(message) {
    const item = el('li', {
      id: `msg-${message.id}`, className: `msg msg-${message.kind}`,
      'data-message-id': String(message.id),
      dataset: { updatedAt: message.updatedAt },
    });
    const meta = el('div', { className: 'msg-meta' },
      el('span', { className: 'msg-author', text: '反馈台机器人 · Bot' }),
      el('time', { dateTime: message.createdAt, text: formatTime(message.createdAt) }),
      message.updatedAt !== message.createdAt ? el('span', { className: 'msg-edited', text: `已更新 ${formatTime(message.updatedAt)} · edited` }) : null);
    item.append(meta);
    if (message.kind === 'card' && message.card) {
      item.append(renderCard(message.card, { messageId: message.id, readOnly: Boolean(message.readOnly) }));
    } else {
      item.append(el('div', { className: 'bubble', text: message.text ?? '' }));
    }
    return item;
  }

  // ---------- cards ----------

  /** Draws the neutral card tree. Buttons work unless the card is read-only (alerts-only rooms, bot replies). */
  function renderCard(card, { messageId, readOnly }) {
    const itemId = firstItemId(card);
    const root = el('article', {
      className: `card tone-${card.tone ?? 'info'}${readOnly ? ' read-only' : ''}`,
      'data-item-id': itemId ?? undefined, 'data-tone': card.tone,
      'aria-label': card.title,
    });
    root.append(el('header', { className: 'card-title' },
      el('span', { className: 'tone-dot', title: TONE_LABELS[card.tone] ?? '', 'aria-hidden': 'true' }),
      el('h3', { text: card.title })));
    for (const node of card.body ?? []) {
      const drawn = renderNode(node, { messageId, readOnly });
      if (drawn) root.append(drawn);
    }
    if (readOnly && (card.body ?? []).some((n) => n.type === 'actions')) {
      root.append(el('p', { className: 'card-context', text: '只读 · Read-only' }));
    }
    root.append(el('div', { className: 'card-extras' }),
      el('p', { className: 'card-error', role: 'alert', hidden: true }));
    if (messageId !== undefined && state.busy.has(messageId)) setCardBusy(root, true);
    return root;
  }

  function firstItemId(card) {
    if (card.itemId) return card.itemId;
    for (const node of card.body ?? []) {
      if (node.type === 'actions') for (const b of node.buttons) if (b.itemId) return b.itemId;
    }
    return null;
  }

  function renderNode(node, ctx) {
    switch (node.type) {
      case 'text':
        return el('p', { className: `card-text${node.muted ? ' muted' : ''}`, text: node.text });
      case 'fields':
        return el('dl', { className: 'card-fields' }, ...node.fields.map((f) =>
          el('div', { className: 'field' }, el('dt', { text: f.label }), el('dd', { text: f.value }))));
      case 'actions':
        if (ctx.readOnly) return null;
        return el('div', { className: 'card-actions' }, ...node.buttons.map((b) => renderButton(b, ctx)));
      case 'image': {
        const src = safeImageUrl(node.url);
        if (!src) return el('p', { className: 'card-context', text: node.alt });
        const img = el('img', { className: 'card-image', alt: node.alt, loading: 'lazy' });
        img.src = src;
        return img;
      }
      case 'context':
        return el('p', { className: 'card-context', text: node.text });
      default:
        return null; // a node type this page does not know yet: skip it rather than break the card
    }
  }

  function renderButton(button, ctx) {
    return el('button', {
      type: 'button',
      className: `btn${button.style ? ` btn-${button.style}` : ''}`,
      'data-action': button.action, 'data-item-id': button.itemId,
      text: button.label,
      onclick: (event) => {
        const card = event.currentTarget.closest('.card');
        if (button.inputs?.length) openForm(card, button, ctx);
        else void sendAction(card, ctx.messageId, button, undefined);
      },
    });
  }

  function openForm(card, button, ctx) {
    const extras = card.querySelector('.card-extras');
    extras.replaceChildren();
    clearCardError(card);
    const formId = `form-${ctx.messageId}-${button.action}`;
    const form = el('form', {
      className: 'action-form', 'data-form-action': button.action, 'data-item-id': button.itemId,
      'aria-label': button.label, novalidate: true,
    });
    form.append(el('p', { className: 'form-title', text: button.label }));
    for (const input of button.inputs) {
      const fieldId = `${formId}-${input.name}`;
      const label = el('label', { for: fieldId, className: 'form-label' },
        document.createTextNode(input.label),
        input.required ? el('span', { className: 'required', title: '必填 Required', text: ' *' }) : el('span', { className: 'optional', text: ' (选填 optional)' }));
      let control;
      if (input.kind === 'select') {
        control = el('select', { id: fieldId, name: input.name, required: input.required, 'aria-required': String(input.required) },
          el('option', { value: '', text: '请选择… / Choose…' }),
          ...(input.options ?? []).map((o) => el('option', { value: o.value, text: o.label })));
      } else {
        control = el('textarea', { id: fieldId, name: input.name, rows: '3', maxlength: '4000', required: input.required, 'aria-required': String(input.required) });
      }
      form.append(el('div', { className: 'form-row' }, label, control));
    }
    form.append(el('div', { className: 'form-buttons' },
      el('button', { type: 'submit', className: `btn btn-${button.style === 'danger' ? 'danger' : 'primary'}`, 'data-form-submit': button.action, text: '提交 Submit' }),
      el('button', { type: 'button', className: 'btn', 'data-form-cancel': button.action, text: '取消 Cancel', onclick: () => form.remove() })));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const values = {};
      const missing = [];
      for (const input of button.inputs) {
        const value = form.elements.namedItem(input.name).value.trim();
        if (value) values[input.name] = value;
        else if (input.required) missing.push(input.label);
      }
      // The live card may have been redrawn since the form opened; act on the one now in the page.
      const liveCard = form.closest('.card') ?? card;
      if (missing.length > 0) {
        showCardError(liveCard, `请填写：${missing.join('、')} / Please fill in: ${missing.join(', ')}`);
        return;
      }
      void sendAction(liveCard, ctx.messageId, button, values, form);
    });
    extras.append(form);
    form.querySelector('textarea, select')?.focus();
  }

  async function sendAction(card, messageId, button, input, form) {
    const actor = currentActor();
    if (!actor) {
      showCardError(card, '请先选择身份 / Choose who you are first');
      return;
    }
    clearCardError(card);
    state.busy.add(messageId);
    setCardBusy(liveCardOf(messageId) ?? card, true);
    const res = await api('POST', '/local/api/actions', {
      actor, item_id: button.itemId, action: button.action, ...(input ? { input } : {}),
    });
    state.busy.delete(messageId);
    // The card may have been replaced by a live update while the request was in flight.
    const target = liveCardOf(messageId) ?? card;
    setCardBusy(target, false);
    if (res.ok) {
      target.querySelector(`.action-form[data-form-action="${CSS.escape(button.action)}"]`)?.remove();
      form?.remove();
      return;
    }
    showCardError(target, res.data.message);
  }

  function liveCardOf(messageId) {
    return messageId === undefined ? null : document.querySelector(`#msg-${messageId} .card`);
  }

  function setCardBusy(card, busy) {
    card.classList.toggle('busy', busy);
    card.setAttribute('aria-busy', String(busy));
    for (const b of card.querySelectorAll('button')) b.disabled = busy;
  }

  function showCardError(card, message) {
    const box = card.querySelector('.card-error');
    box.textContent = message;
    box.hidden = false;
  }

  function clearCardError(card) {
    const box = card.querySelector('.card-error');
    box.textContent = '';
    box.hidden = true;
  }

  // ---------- command box ----------

  ui.commandForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = ui.commandInput.value.trim();
    if (!text || !state.room) return;
    const actor = currentActor();
    ui.messages.append(el('li', { className: 'msg msg-mine', 'data-local': 'command' },
      el('div', { className: 'msg-meta' }, el('span', { className: 'msg-author', text: actorName(actor) })),
      el('div', { className: 'bubble', text })));
    scrollToBottom();
    ui.commandInput.value = '';
    ui.commandInput.disabled = true;
    const res = await api('POST', '/local/api/commands', { actor, room: state.room, text });
    ui.commandInput.disabled = false;
    ui.commandInput.focus();
    const bubble = el('li', { className: 'msg msg-bot-reply', 'data-local': 'reply' },
      el('div', { className: 'msg-meta' },
        el('span', { className: 'msg-author', text: '反馈台机器人 · Bot' }),
        el('span', { className: 'msg-edited', text: '仅你可见 · Only visible to you' })));
    if (!res.ok) {
      bubble.append(el('div', { className: 'bubble bubble-error', role: 'alert', text: res.data.message }));
    } else if (res.data.reply.kind === 'card') {
      bubble.append(renderCard(res.data.reply.card, { messageId: undefined, readOnly: true }));
    } else {
      bubble.append(el('div', { className: 'bubble', text: res.data.reply.text }));
    }
    ui.messages.append(bubble);
    scrollToBottom();
  });

  function actorName(id) {
    return state.agents.find((a) => a.id === id)?.name ?? id;
  }

  // ---------- live stream ----------

  let source = null;

  function connect() {
    setStreamStatus('connecting');
    source = new EventSource('/local/api/stream');
    // 'open' fires on the first connection and on every automatic reconnection: re-fetch the
    // current room so anything posted while the stream was down shows up.
    source.addEventListener('open', () => {
      setStreamStatus('open');
      void loadRoom();
    });
    source.addEventListener('error', () => {
      if (source.readyState === EventSource.CLOSED) {
        // The browser gave up (the server answered with an error): start over ourselves.
        setStreamStatus('closed');
        source.close();
        setTimeout(connect, RECONNECT_DELAY_MS);
      } else {
        setStreamStatus('connecting');
      }
    });
    source.addEventListener('message.created', (event) => onLive(event, 'created'));
    source.addEventListener('message.updated', (event) => onLive(event, 'updated'));
  }

  function onLive(event, kind) {
    let message;
    try {
      message = JSON.parse(event.data);
    } catch {
      return;
    }
    if (message.room !== state.room) {
      if (kind === 'created') {
        state.unread.set(message.room, (state.unread.get(message.room) ?? 0) + 1);
        renderRooms();
      }
      return;
    }
    const follow = nearBottom();
    upsertMessage(message);
    if (follow && kind === 'created') scrollToBottom();
  }

  function setStreamStatus(status) {
    ui.stream.dataset.state = status;
    ui.stream.textContent = {
      open: '● 实时 Live',
      connecting: '○ 连接中… Connecting…',
      closed: '○ 已断开，正在重连 Disconnected, retrying',
    }[status];
  }

  // ---------- start ----------

  async function start() {
    const [agents, rooms] = await Promise.all([api('GET', '/local/api/agents'), api('GET', '/local/api/rooms')]);
    if (!agents.ok || !rooms.ok) {
      showPageError((agents.ok ? rooms : agents).data.message);
      return;
    }
    state.agents = agents.data.agents;
    state.rooms = rooms.data.rooms;
    renderAgents();
    const saved = localStorage.getItem(STORAGE.room);
    const first = state.rooms.find((r) => r.id === saved) ?? state.rooms[0];
    if (first) selectRoom(first.id);
    connect();
    document.body.dataset.ready = 'true';
  }

  void start();
})();
