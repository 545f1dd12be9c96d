// The card view of the local web chat: draws the neutral card tree as HTML with working buttons
// and inline forms, and keeps a card's busy and error state. Knows no rooms, no state, no HTTP:
// a button hands its action to ctx.onAction. Every piece of data goes into the page through
// textContent or a property, never innerHTML: card text is customer text.
'use strict';

(() => {
  const FeedbackDesk = (window.FeedbackDesk ??= {});
  Object.assign(FeedbackDesk, { el, renderCard, carryOver, setCardBusy, showCardError, clearCardError });

  const TONE_LABELS = { info: '信息 Info', warning: '注意 Warning', danger: '紧急 Urgent' };

  /**
   * Draws the neutral card tree. Buttons work unless the card is read-only (alerts-only rooms, bot replies).
   * ctx: { messageId, readOnly, busy, onAction(card, messageId, button, input, form) }.
   */
  function renderCard(card, ctx) {
    const itemId = firstItemId(card);
    const { readOnly } = ctx;
    const root = el('article', {
      className: `card tone-${card.tone ?? 'info'}${readOnly ? ' read-only' : ''}`,
      'data-item-id': itemId ?? undefined, 'data-tone': card.tone,
      'aria-label': card.title,
    });
    root.append(el('header', { className: 'card-title' },
      el('span', { className: 'tone-dot', title: TONE_LABELS[card.tone] ?? '', 'aria-hidden': 'true' }),
      el('h3', { text: card.title })));
    for (const node of card.body ?? []) {
      const drawn = renderNode(node, ctx);
      if (drawn) root.append(drawn);
    }
    if (readOnly && (card.body ?? []).some((n) => n.type === 'actions')) {
      root.append(el('p', { className: 'card-context', text: '只读 · Read-only' }));
    }
    root.append(el('div', { className: 'card-extras' }),
      el('p', { className: 'card-error', role: 'alert', hidden: true }));
    if (ctx.busy) setCardBusy(root, true);
    return root;
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

  function firstItemId(card) {
    if (card.item_id) return card.item_id;
    for (const node of card.body ?? []) {
      if (node.type === 'actions') for (const b of node.buttons) if (b.item_id) return b.item_id;
    }
    return null;
  }

  function renderNode(node, ctx) {
    switch (node.type) {
      case 'text':
        return el('p', { className: `card-text${node.muted ? ' muted' : ''}` }, ...linked(node.text));
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
      'data-action': button.action, 'data-item-id': button.item_id,
      text: button.label,
      onclick: (event) => {
        const card = event.currentTarget.closest('.card');
        if (button.inputs?.length) openForm(card, button, ctx);
        else void ctx.onAction(card, ctx.messageId, button, undefined);
      },
    });
  }

  function openForm(card, button, ctx) {
    const extras = card.querySelector('.card-extras');
    extras.replaceChildren();
    clearCardError(card);
    const formId = `form-${ctx.messageId}-${button.action}`;
    const form = el('form', {
      className: 'action-form', 'data-form-action': button.action, 'data-item-id': button.item_id,
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
        else if (input.required && !(input.requiredUnless && form.elements.namedItem(input.requiredUnless)?.value)) missing.push(input.label);
      }
      // The live card may have been redrawn since the form opened; act on the one now in the page.
      const liveCard = form.closest('.card') ?? card;
      if (missing.length > 0) {
        showCardError(liveCard, `请填写：${missing.join('、')} / Please fill in: ${missing.join(', ')}`);
        return;
      }
      void ctx.onAction(liveCard, ctx.messageId, button, values, form);
    });
    extras.append(form);
    form.querySelector('textarea, select')?.focus();
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

  /** Text with web addresses and the bot's own file links (an export) made clickable; the rest stays text. */
  function linked(text) {
    const parts = [];
    let last = 0;
    for (const match of text.matchAll(/https?:\/\/[^\s<>"]+|\/files\/[^\s<>"]+/g)) {
      if (match.index > last) parts.push(text.slice(last, match.index));
      const href = safeImageUrl(match[0]);
      parts.push(href ? el('a', { href, text: match[0], target: '_blank', rel: 'noopener' }) : match[0]);
      last = match.index + match[0].length;
    }
    if (last < text.length) parts.push(text.slice(last));
    return parts;
  }

  /** Only ordinary web and inline-image addresses become an <img src>. */
  function safeImageUrl(url) {
    if (typeof url !== 'string' || url === '') return null;
    if (/^data:image\/(png|jpe?g|gif|webp|svg\+xml);/i.test(url)) return url;
    try {
      const u = new URL(url, location.href);
      return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
    } catch {
      return null;
    }
  }
})();
