// Yardstick's optional helper for iframe embeds: it makes each Yardstick iframe on the page
// exactly as tall as its content, so the frame never shows its own scrollbar.
//
//   <iframe src="https://council.example/yardstick/embed.html?…&id=recycling"
//           data-yardstick-frame="recycling" title="…" width="100%" height="800"></iframe>
//   <script src="https://council.example/yardstick/embed.js" async></script>
//
// An embed page sends {type: "yardstick:resize", version: 1, id, height} to its parent
// whenever its height changes (docs/embedding.md). A message resizes only the iframe it came
// from: it must come from that iframe's window, from the origin of that iframe's src, and
// carry that iframe's id. Anything else is ignored. No dependencies; it sets nothing but the
// iframe's height, through the CSSOM (allowed by a Content Security Policy without
// 'unsafe-inline'). Loading it twice does no harm.
(function () {
  'use strict';
  var installed = typeof Symbol === 'function' ? Symbol.for('yardstick.embed') : '__yardstickEmbed';
  if (window[installed]) return;
  window[installed] = true;

  var MESSAGE = 'yardstick:resize';
  var MAX_HEIGHT = 100000;

  function originOf(frame) {
    try {
      return new URL(frame.src, document.baseURI).origin;
    } catch (error) {
      return null;
    }
  }

  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || typeof data !== 'object' || data.type !== MESSAGE || data.version !== 1) return;
    var height = data.height;
    if (typeof height !== 'number' || !isFinite(height) || height <= 0 || height > MAX_HEIGHT) return;
    var frames = document.querySelectorAll('iframe[data-yardstick-frame]');
    for (var i = 0; i < frames.length; i++) {
      var frame = frames[i];
      if (frame.contentWindow !== event.source) continue;
      if (event.origin !== originOf(frame)) return;
      var id = frame.getAttribute('data-yardstick-frame');
      if (id && data.id !== id) return;
      frame.style.height = Math.ceil(height) + 'px';
      return;
    }
  });
})();
