/**
 * embed.js, for host pages: `<script async src="https://our.site/embed.js"></script>`.
 * It turns each `<blockquote data-article-embed><a href=".../articles/slug">…</a></blockquote>`
 * into a card iframe (the link stays as the no-script fallback) and adopts card
 * iframes pasted from oEmbed. As in WordPress's embed protocol, every iframe
 * gets a random secret in its URL fragment, and the host accepts a height only
 * from our origin, from that iframe's window, with that secret, within bounds:
 * 80–2000 px, and an oEmbed consumer's maxheight, which the pasted iframe
 * carries as data-max-height (oEmbed 1.0 section 2.3.4: the embed must not exceed it).
 */
export const EMBED_SCRIPT = `(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !window.URL || !window.crypto || !crypto.getRandomValues) return;
  var origin = new URL(script.src).origin;
  var MIN_HEIGHT = 80, MAX_HEIGHT = 2000;
  var frames = {};

  function randomSecret() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return (b < 16 ? '0' : '') + b.toString(16); }).join('');
  }

  // Gives a card iframe its secret, in its URL's fragment, and returns it.
  function withSecret(iframe, url) {
    var secret = randomSecret();
    iframe.setAttribute('data-embed-secret', secret);
    frames[secret] = iframe;
    url.hash = 'secret=' + secret;
    iframe.src = url.href;
    return iframe;
  }

  // A pasted iframe may have started loading already: changing only its src's fragment then is a
  // fragment navigation that Chromium can drop while a (lazy) load is pending, and the card would
  // never learn its secret. A fresh copy loads the URL with the secret from the start.
  function adopt(iframe) {
    if (iframe.getAttribute('data-embed-secret')) return;
    var url = new URL(iframe.src, location.href);
    if (url.origin !== origin) return;
    iframe.parentNode.replaceChild(withSecret(iframe.cloneNode(false), url), iframe);
  }

  function upgrade(quote) {
    if (quote.getAttribute('data-embed-done')) return;
    var link = quote.querySelector('a[href]');
    if (!link) return;
    var url = new URL(link.href, location.href);
    var match = url.pathname.match(/\\/articles\\/([a-z0-9-]+)\\/?$/);
    if (url.origin !== origin || !match) return;
    var theme = quote.getAttribute('data-theme');
    var iframe = document.createElement('iframe');
    iframe.src = origin + '/embed/' + match[1] + (theme === 'light' || theme === 'dark' ? '?theme=' + theme : '');
    iframe.title = link.textContent || 'Article';
    iframe.width = '100%';
    iframe.height = '200';
    iframe.loading = 'lazy';
    iframe.style.border = '0';
    iframe.style.display = 'block';
    iframe.style.maxWidth = '640px';
    iframe.setAttribute('data-article-embed-frame', '');
    quote.setAttribute('data-embed-done', '1');
    quote.parentNode.insertBefore(withSecret(iframe, new URL(iframe.src)), quote.nextSibling);
    quote.style.display = 'none';
  }

  window.addEventListener('message', function (event) {
    var data = event.data;
    if (event.origin !== origin || !data || data.type !== 'article-embed:height') return;
    var iframe = typeof data.secret === 'string' && frames.hasOwnProperty(data.secret) ? frames[data.secret] : null;
    if (!iframe || iframe.contentWindow !== event.source) return;
    var height = Math.round(Number(data.height));
    if (!isFinite(height)) return;
    var limit = Number(iframe.getAttribute('data-max-height')) || MAX_HEIGHT;
    iframe.height = String(Math.min(limit, MAX_HEIGHT, Math.max(MIN_HEIGHT, height)));
  });

  function scan() {
    Array.prototype.forEach.call(document.querySelectorAll('blockquote[data-article-embed]'), upgrade);
    Array.prototype.forEach.call(document.querySelectorAll('iframe[data-article-embed-frame]'), adopt);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', scan);
  else scan();
})();
`
