// The live stream of the local web chat: one Server-Sent Events connection to the server, kept
// open (the browser retries on its own; when it gives up we start over), with its state shown in
// the status pill. Knows no rooms: each room message event is handed to onMessage.
'use strict';

(() => {
  const FeedbackDesk = (window.FeedbackDesk ??= {});
  FeedbackDesk.connectLiveStream = connectLiveStream;

  const RECONNECT_DELAY_MS = 2000;
  const STATUS_TEXT = {
    open: '● 实时 Live',
    connecting: '○ 连接中… Connecting…',
    closed: '○ 已断开，正在重连 Disconnected, retrying',
  };

  /**
   * Connects to /local/api/stream. onOpen runs on the first connection and on every reconnection;
   * onMessage(message, kind) runs for each 'message.created' / 'message.updated' event.
   */
  function connectLiveStream(statusEl, { onOpen, onMessage }) {
    let source = null;

    function setStreamStatus(status) {
      statusEl.dataset.state = status;
      statusEl.textContent = STATUS_TEXT[status];
    }

    function connect() {
      setStreamStatus('connecting');
      source = new EventSource('/local/api/stream');
      // 'open' fires on the first connection and on every automatic reconnection: the caller
      // re-fetches what it shows so anything posted while the stream was down shows up.
      source.addEventListener('open', () => {
        setStreamStatus('open');
        onOpen();
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
      onMessage(message, kind);
    }

    connect();
  }
})();
