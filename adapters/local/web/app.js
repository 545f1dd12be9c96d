// The local web chat: who I am, the rooms as a chat client, the message list kept current from the
// live stream, and a command box. Cards are drawn by card-view.js and the stream is kept by
// live-stream.js (both loaded first). Plain browser JS, no build. Every piece of data goes into the
// page through textContent or a property, never innerHTML: card text is customer text.
'use strict';

(() => {
  const STORAGE = { actor: 'feedback-desk.actor', room: 'feedback-desk.room' };
  const ROLE_LABELS = { agent: '坐席 Agent', supervisor: '主管 Supervisor', admin: '管理员 Admin' };
  // Follow new messages only when the reader is already near the bottom, so reading history is
  // not interrupted by a card arriving.
  const STICK_TO_BOTTOM_PX = 160;
  // A room opens with its newest messages; older ones load in pages as the reader scrolls up.
  const PAGE_SIZE = 50;
  const LOAD_OLDER_PX = 400;
  // A reconnect re-fetches this many of the newest, to catch up on what arrived while away.
  const CATCH_UP_SIZE = 200;

  const { el, renderCard, carryOver, setCardBusy, showCardError, clearCardError, connectLiveStream } = window.FeedbackDesk;
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
    roomsToggle: $('rooms-toggle'),
    roomsToggleUnread: $('rooms-toggle-unread'),
    roomsNav: $('rooms-nav'),
    history: $('history-status'),
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
    /** Whether the room in view has messages older than the first one shown, and a fetch of them is running. */
    older: { more: false, loading: false },
  };

  // ---------- formatting ----------

  function formatTime(iso) {
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return '';
    const pad = (n) => String(n).padStart(2, '0');
    const today = new Date();
    const sameDay = d.toDateString() === today.toDateString();
    return `${sameDay ? '' : `${d.getMonth() + 1}-${pad(d.getDate())} `}${pad(d.getHours())}:${pad(d.getMinutes())}`;
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
    // On a narrow screen the rooms sit in a menu: its button carries the unread total.
    const total = [...state.unread.values()].reduce((a, b) => a + b, 0);
    ui.roomsToggleUnread.hidden = total === 0;
    ui.roomsToggleUnread.dataset.unread = String(total);
    ui.roomsToggleUnread.textContent = total > 99 ? '99+' : String(total);
  }

  function setRoomsMenu(open) {
    document.body.dataset.roomsOpen = String(open);
    ui.roomsToggle.setAttribute('aria-expanded', String(open));
  }

  ui.roomsToggle.addEventListener('click', (event) => {
    event.stopPropagation();
    setRoomsMenu(document.body.dataset.roomsOpen !== 'true');
  });
  document.addEventListener('keydown', (event) => { if (event.key === 'Escape') setRoomsMenu(false); });
  document.addEventListener('click', (event) => {
    if (document.body.dataset.roomsOpen === 'true' && !ui.roomsNav.contains(event.target)) setRoomsMenu(false);
  });

  function selectRoom(id) {
    const room = state.rooms.find((r) => r.id === id);
    if (!room) return;
    state.room = id;
    state.unread.delete(id);
    localStorage.setItem(STORAGE.room, id);
    ui.roomTitle.textContent = room.name;
    ui.roomPurpose.textContent = purposeLabel(room.purpose);
    ui.messages.replaceChildren(ui.history);
    ui.messages.dataset.showing = id;
    delete ui.messages.dataset.loaded;
    state.older = { more: false, loading: false };
    renderRooms();
    setRoomsMenu(false);
    void loadRoom({ scroll: 'force', limit: PAGE_SIZE });
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
  async function loadRoom({ scroll, limit = CATCH_UP_SIZE } = {}) {
    const room = state.room;
    if (!room) return;
    const token = ++state.loadToken;
    const res = await api('GET', `/local/api/rooms/${encodeURIComponent(room)}/messages?limit=${limit}`);
    if (token !== state.loadToken || room !== state.room) return;
    if (!res.ok) {
      showPageError(res.data.message);
      return;
    }
    showPageError('');
    const follow = scroll === 'force' || nearBottom();
    for (const message of res.data.messages) upsertMessage(message);
    if (ui.messages.dataset.loaded !== 'true') setOlder({ more: res.data.has_more, loading: false });
    ui.messages.dataset.loaded = 'true';
    if (follow) scrollToBottom();
    maybeLoadOlder();
  }

  /** The page of messages just older than the first one shown, kept in place on the screen. */
  async function loadOlder() {
    const room = state.room;
    const first = ui.messages.querySelector('[data-message-id]');
    if (!room || !first) return;
    setOlder({ more: true, loading: true });
    const token = state.loadToken;
    const res = await api('GET', `/local/api/rooms/${encodeURIComponent(room)}/messages?limit=${PAGE_SIZE}&before=${first.dataset.messageId}`);
    if (token !== state.loadToken || room !== state.room) return;
    if (!res.ok) {
      setOlder({ more: true, loading: false });
      showPageError(res.data.message);
      return;
    }
    // Keep what the reader is looking at still while the list grows above it.
    const fromBottom = ui.messages.scrollHeight - ui.messages.scrollTop;
    for (const message of res.data.messages) upsertMessage(message);
    ui.messages.scrollTop = ui.messages.scrollHeight - fromBottom;
    setOlder({ more: res.data.has_more, loading: false });
    maybeLoadOlder();
  }

  function setOlder(older) {
    state.older = older;
    ui.history.dataset.state = older.loading ? 'loading' : older.more ? 'more' : 'start';
    ui.history.textContent = older.loading
      ? '正在加载更早的消息… Loading older messages…'
      : older.more ? '向上滚动查看更早的消息 · Scroll up for older messages' : '没有更早的消息 · Start of the room';
  }

  function maybeLoadOlder() {
    if (state.older.more && !state.older.loading && ui.messages.scrollTop < LOAD_OLDER_PX) void loadOlder();
  }

  ui.messages.addEventListener('scroll', maybeLoadOlder, { passive: true });

  // ---------- messages ----------

  function nearBottom() {
    const m = ui.messages;
    return m.scrollHeight - m.scrollTop - m.clientHeight < STICK_TO_BOTTOM_PX;
  }

  function scrollToBottom() {
    ui.messages.scrollTop = ui.messages.scrollHeight;
  }

  /** Shows a command's answer from its top: the end of the list, or the answer's start when it is taller than the list. */
  function reveal(node) {
    if (node.offsetHeight + 16 > ui.messages.clientHeight) ui.messages.scrollTop = node.offsetTop - 8;
    else scrollToBottom();
  }

  /**
   * Inserts a room message in id order, or replaces the element that shows it. An older copy
   * (a re-fetch that raced a live update) never overwrites a newer one.
   */
  function upsertMessage(message) {
    const existing = document.getElementById(`msg-${message.id}`);
    if (existing) {
      if (Date.parse(existing.dataset.updatedAt) > Date.parse(message.updated_at)) return;
      if (existing.dataset.updatedAt === message.updated_at) return;
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

  function renderMessage(message) {
    const item = el('li', {
      id: `msg-${message.id}`, className: `msg msg-${message.kind}`,
      'data-message-id': String(message.id),
      dataset: { updatedAt: message.updated_at },
    });
    const meta = el('div', { className: 'msg-meta' },
      el('span', { className: 'msg-author', text: '反馈台机器人 · Bot' }),
      el('time', { dateTime: message.created_at, text: formatTime(message.created_at) }),
      message.updated_at !== message.created_at ? el('span', { className: 'msg-edited', text: `已更新 ${formatTime(message.updated_at)} · edited` }) : null);
    item.append(meta);
    if (message.kind === 'card' && message.card) {
      item.append(renderCard(message.card, {
        messageId: message.id, readOnly: Boolean(message.read_only), busy: state.busy.has(message.id), onAction: sendAction,
      }));
    } else {
      item.append(el('div', { className: 'bubble', text: message.text ?? '' }));
    }
    return item;
  }

  // ---------- card actions ----------

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
      actor, item_id: button.item_id, action: button.action, ...(input ? { input } : {}),
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
    reveal(bubble);
  });

  function actorName(id) {
    return state.agents.find((a) => a.id === id)?.name ?? id;
  }

  // ---------- live stream ----------

  /** A room message from the live stream: shown if its room is in view, counted as unread if not. */
  function onLive(message, kind) {
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
    connectLiveStream(ui.stream, { onOpen: () => void loadRoom(), onMessage: onLive });
    document.body.dataset.ready = 'true';
  }

  void start();
})();
