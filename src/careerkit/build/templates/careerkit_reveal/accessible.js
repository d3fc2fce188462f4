// The widget renderer draws controls and charts without names or alt text; a deck read with a screen
// reader (or checked by axe-core) needs both. Names come from what a sighted reader sees beside each
// control: its own description, else the bold label above it (careerkit's `labelled`), else its placeholder.
var careerkitAccessible = (function () {
  function savedAltTexts() {
    var alts = {};
    document.querySelectorAll('script[type="application/vnd.jupyter.widget-state+json"]').forEach(function (tag) {
      var state = {};
      try { state = JSON.parse(tag.textContent).state || {}; } catch (e) { return; }
      Object.keys(state).forEach(function (id) {
        var outputs = (state[id].state || {}).outputs || [];
        outputs.forEach(function (output) {
          var data = output.data || {};
          if (data['image/png'] && data['text/plain']) {
            alts[String(data['image/png']).replace(/\s/g, '')] = String(data['text/plain']);
          }
        });
      });
    });
    return alts;
  }

  function visibleText(element) {
    return element && element.style.display !== 'none' ? element.textContent.trim() : '';
  }

  function hasName(control) {
    if (control.getAttribute('aria-label') || control.getAttribute('aria-labelledby')) return true;
    var labels = control.labels ? Array.prototype.slice.call(control.labels) : [];
    return labels.some(function (label) { return visibleText(label) !== ''; });
  }

  function nameFor(control) {
    var row = control.closest('.widget-inline-hbox, .widget-inline-vbox, .widget-hslider, .widget-vslider');
    var own = row ? visibleText(row.querySelector(':scope > .widget-label')) : '';
    if (own) return own;
    for (var box = control.closest('.widget-vbox'); box; box = box.parentElement.closest('.widget-vbox')) {
      var first = box.firstElementChild;
      if (first && first.classList.contains('widget-html') && first.textContent.trim()) {
        return first.textContent.trim();
      }
    }
    return control.getAttribute('placeholder') || control.getAttribute('title') || 'Answer';
  }

  return function () {
    var alts = savedAltTexts();
    document.querySelectorAll('.widget-subarea img:not([alt])').forEach(function (img) {
      var src = (img.getAttribute('src') || '').replace(/^data:image\/png;base64,/, '');
      img.setAttribute('alt', alts[src] || 'Chart');
    });
    var controls = '.widget-subarea input, .widget-subarea textarea, .widget-subarea select, .widget-subarea [role="slider"]';
    document.querySelectorAll(controls).forEach(function (control) {
      if (control.type !== 'hidden' && !hasName(control)) control.setAttribute('aria-label', nameFor(control));
    });
  };
})();
