// Draws the charts of a Firestorm report from the JSON block #report-data, with Chart.js
// (inlined above this script). Written for the pages `firestorm report` produces
// (analysis/report/*.cpp); no network, no other library. When every chart is drawn the
// body gets data-report-status="ok" and data-charts=<count>, which the tests check.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var drawn = 0;

  Chart.defaults.animation = false;
  Chart.defaults.responsive = true;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';
  Chart.defaults.plugins.legend.labels.boxWidth = 12;
  Chart.defaults.elements.point.radius = 0;
  Chart.defaults.elements.line.borderWidth = 1.8;

  var PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948',
                 '#b07aa1', '#ff9da7', '#9c755f', '#79706e', '#17becf', '#bcbd22'];
  var STATE_COLORS = {unaware: '#c7c7c7', exposed: '#f2b701', spreader: '#d62728',
                      skeptic: '#1f77b4', stifler: '#9467bd'};
  var STATE_NAMES = ['unaware', 'exposed', 'spreader', 'skeptic', 'stifler'];
  var KIND_COLORS = {user: '#4e79a7', influencer: '#f28e2b', bot: '#e15759', media: '#59a14f',
                     organization: '#79706e', fact_checker: '#76b7b2'};
  var EVENT_COLORS = {action: '#222222', inject: '#8e44ad', detection: '#2e9e44'};

  function color(i) {
    if (i < PALETTE.length) return PALETTE[i];
    return 'hsl(' + ((i * 137.508) % 360).toFixed(0) + ', 55%, 50%)';
  }
  function alpha(hex, a) {
    if (hex.charAt(0) !== '#') return hex.replace('hsl(', 'hsla(').replace(')', ', ' + a + ')');
    var n = parseInt(hex.slice(1), 16);
    return 'rgba(' + (n >> 16) + ',' + ((n >> 8) & 255) + ',' + (n & 255) + ',' + a + ')';
  }
  function points(xs, ys) {
    var out = [];
    for (var i = 0; i < xs.length; i++) out.push({x: xs[i], y: ys[i]});
    return out;
  }
  function make(id, config) {
    var el = document.getElementById(id);
    if (!el) return null;
    var chart = new Chart(el, config);
    drawn++;
    return chart;
  }
  function hoursAxis() {
    return {type: 'linear', title: {display: true, text: 'hours since the start'}, ticks: {maxTicksLimit: 13}};
  }

  // Vertical dashed lines at events (responses, injects, detection), labelled at the top.
  var eventLines = {
    id: 'eventLines',
    afterDatasetsDraw: function (chart, args, opts) {
      if (!opts || !opts.events) return;
      var x = chart.scales.x, area = chart.chartArea, ctx = chart.ctx;
      ctx.save();
      opts.events.forEach(function (e) {
        var c = EVENT_COLORS[e.category];
        if (!c) return;
        var px = x.getPixelForValue(e.hours);
        if (px < area.left || px > area.right) return;
        ctx.strokeStyle = c;
        ctx.lineWidth = 1;
        ctx.setLineDash([4, 3]);
        ctx.beginPath();
        ctx.moveTo(px, area.top);
        ctx.lineTo(px, area.bottom);
        ctx.stroke();
        if (opts.labels) {
          ctx.save();
          ctx.translate(px + 3, area.top + 3);
          ctx.rotate(Math.PI / 2);
          ctx.fillStyle = c;
          ctx.font = '10px sans-serif';
          ctx.fillText(e.type, 0, 0);
          ctx.restore();
        }
      });
      ctx.restore();
    }
  };

  // Faint lines between the points of a network scatter (edges are pairs of indices).
  var networkEdges = {
    id: 'networkEdges',
    beforeDatasetsDraw: function (chart, args, opts) {
      if (!opts || !opts.edges) return;
      var sx = chart.scales.x, sy = chart.scales.y, ctx = chart.ctx, e = opts.edges;
      ctx.save();
      ctx.strokeStyle = 'rgba(60, 60, 60, 0.08)';
      ctx.lineWidth = 0.6;
      ctx.beginPath();
      for (var i = 0; i + 1 < e.length; i += 2) {
        ctx.moveTo(sx.getPixelForValue(opts.x[e[i]]), sy.getPixelForValue(opts.y[e[i]]));
        ctx.lineTo(sx.getPixelForValue(opts.x[e[i + 1]]), sy.getPixelForValue(opts.y[e[i + 1]]));
      }
      ctx.stroke();
      ctx.restore();
    }
  };

  function drawRun(d) {
    var events = d.events.filter(function (e) { return e.category !== 'seed'; });
    // Timeline: states of the crisis narratives.
    var stateSets = [];
    d.states.forEach(function (s, i) {
      if (s.main) {
        ['exposed', 'spreader', 'skeptic', 'stifler'].forEach(function (name) {
          stateSets.push({label: name + ' (' + s.narrative + ')', data: points(d.hours, s[name]),
                          borderColor: STATE_COLORS[name], backgroundColor: STATE_COLORS[name]});
        });
      } else {
        stateSets.push({label: 'spreader (' + s.narrative + ')', data: points(d.hours, s.spreader),
                        borderColor: color(i + 3), backgroundColor: color(i + 3), borderDash: [5, 3]});
      }
    });
    make('chart-states', {type: 'line', data: {datasets: stateSets}, plugins: [eventLines],
      options: {parsing: false, scales: {x: hoursAxis(), y: {title: {display: true, text: '% of agents'}, min: 0}},
                plugins: {eventLines: {events: events, labels: true}}}});
    var postSets = [];
    Object.keys(d.posts_per_hour).forEach(function (kind) {
      var c = KIND_COLORS[kind] || '#999';
      // Stacked areas: the first fills down to zero, each next one down to the previous.
      postSets.push({label: kind, data: points(d.hours, d.posts_per_hour[kind]), borderColor: c,
                     backgroundColor: alpha(c, 0.55), fill: postSets.length === 0 ? 'origin' : '-1', borderWidth: 1});
    });
    make('chart-posts', {type: 'line', data: {datasets: postSets}, plugins: [eventLines],
      options: {parsing: false, scales: {x: hoursAxis(), y: {stacked: true, min: 0, title: {display: true, text: 'posts per hour'}}},
                plugins: {eventLines: {events: events}}}});
    make('chart-mood', {type: 'line', plugins: [eventLines],
      data: {datasets: [
        {label: 'mean outrage (left axis)', data: points(d.hours, d.outrage), borderColor: '#d62728',
         backgroundColor: '#d62728', yAxisID: 'y'},
        {label: 'mean trust (right axis)', data: points(d.hours, d.trust), borderColor: '#1f77b4',
         backgroundColor: '#1f77b4', yAxisID: 'y2'}]},
      options: {parsing: false, plugins: {eventLines: {events: events}}, scales: {x: hoursAxis(),
        y: {min: 0, title: {display: true, text: 'outrage'}},
        y2: {position: 'right', grid: {drawOnChartArea: false}, title: {display: true, text: 'trust'}}}}});

    // Cascades.
    var ccdf = [], virality = [], depthLabels = [], depthSets = [];
    var maxDepth = 0;
    d.cascades.forEach(function (c) {
      c.depth_counts.forEach(function (p) { maxDepth = Math.max(maxDepth, p[0]); });
    });
    for (var k = 0; k <= maxDepth; k++) depthLabels.push(String(k));
    d.cascades.forEach(function (c, i) {
      var col = color(i);
      ccdf.push({label: c.narrative, data: points(c.ccdf_size, c.ccdf_share), borderColor: col,
                 backgroundColor: col, showLine: true, pointRadius: 2});
      virality.push({label: c.narrative, data: points(c.scatter_size, c.scatter_virality), borderColor: col,
                     backgroundColor: alpha(col, 0.5), pointRadius: 2.5});
      var counts = depthLabels.map(function () { return 0; });
      c.depth_counts.forEach(function (p) { counts[p[0]] = p[1]; });
      depthSets.push({label: c.narrative, data: counts, backgroundColor: col});
    });
    make('chart-ccdf', {type: 'scatter', data: {datasets: ccdf}, options: {parsing: false, scales: {
      x: {type: 'logarithmic', title: {display: true, text: 'tree size (agents)'}},
      y: {type: 'logarithmic', title: {display: true, text: 'share of trees ≥ size'}}}}});
    make('chart-depth', {type: 'bar', data: {labels: depthLabels, datasets: depthSets}, options: {scales: {
      x: {title: {display: true, text: 'depth (hops from the seed)'}},
      y: {type: 'logarithmic', title: {display: true, text: 'trees'}}}}});
    make('chart-virality', {type: 'scatter', data: {datasets: virality}, options: {parsing: false, scales: {
      x: {type: 'logarithmic', title: {display: true, text: 'tree size (agents)'}},
      y: {min: 0, title: {display: true, text: 'structural virality'}}}}});

    // Polarization.
    var p = d.polarization;
    if (p.hours.length > 0) {
      make('chart-polarization', {type: 'line', data: {datasets: [
        {label: 'opinion variance', data: points(p.hours, p.opinion_variance), borderColor: color(0), yAxisID: 'y'},
        {label: 'bimodality coefficient', data: points(p.hours, p.bimodality), borderColor: color(1), yAxisID: 'y'},
        {label: 'neighbour-opinion correlation', data: points(p.hours, p.neighbour_correlation), borderColor: color(4), yAxisID: 'y'},
        {label: 'Esteban–Ray (right axis)', data: points(p.hours, p.esteban_ray), borderColor: color(2), borderDash: [5, 3], yAxisID: 'y2'}]},
        options: {parsing: false, elements: {point: {radius: 3}}, scales: {x: hoursAxis(),
          y: {min: 0, max: 1}, y2: {position: 'right', min: 0, grid: {drawOnChartArea: false}}}}});
    }
    var bins = [];
    for (var b = 0; b < p.histogram_start.length; b++)
      bins.push((-1 + (b + 0.5) * 2 / p.histogram_start.length).toFixed(2));
    var hist = [{label: 'start', data: p.histogram_start, backgroundColor: alpha('#4e79a7', 0.6)}];
    if (p.histogram_end)
      hist.push({label: 'after ' + p.histogram_end_hours.toFixed(1) + ' h', data: p.histogram_end,
                 backgroundColor: alpha('#e15759', 0.6)});
    make('chart-opinions', {type: 'bar', data: {labels: bins, datasets: hist}, options: {
      datasets: {bar: {barPercentage: 1.0, categoryPercentage: 0.9}},
      scales: {x: {title: {display: true, text: 'opinion'}}, y: {title: {display: true, text: '% of agents'}}}}});

    // Network.
    var net = d.network, byCommunity = {}, byState = {};
    for (var i = 0; i < net.x.length; i++) {
      var cm = net.community[i], st = STATE_NAMES[net.state[i]] || 'unaware';
      (byCommunity[cm] = byCommunity[cm] || []).push({x: net.x[i], y: net.y[i]});
      (byState[st] = byState[st] || []).push({x: net.x[i], y: net.y[i]});
    }
    var square = {x: {min: -1.6, max: 1.6, display: false}, y: {min: -1.6, max: 1.6, display: false}};
    var network = function (sets) {
      return {type: 'scatter', data: {datasets: sets}, plugins: [networkEdges], options: {parsing: false,
        maintainAspectRatio: true, aspectRatio: 0.9, scales: square,
        plugins: {networkEdges: edgeOpts, legend: {display: sets.length <= 12, position: 'bottom'}}}};
    };
    var edgeOpts = {edges: net.edges, x: net.x, y: net.y};
    var communitySets = Object.keys(byCommunity).map(function (c) {
      return {label: 'community ' + c, data: byCommunity[c], backgroundColor: color(Number(c)), pointRadius: 2.2};
    });
    make('chart-network-community', network(communitySets));
    var stateSets2 = STATE_NAMES.filter(function (s) { return byState[s]; }).map(function (s) {
      return {label: s, data: byState[s], backgroundColor: STATE_COLORS[s], pointRadius: s === 'unaware' ? 1.6 : 2.6};
    });
    make('chart-network-state', network(stateSets2));
  }

  // A fan chart: per strategy a 5-95% band, a 25-75% band and the median.
  function fan(id, d, series, yTitle, fromZero) {
    var sets = [];
    series.forEach(function (q, v) {
      var c = color(v);
      var band = function (k) { return points(d.hours, q[k]); };
      sets.push({label: '', data: band(0), borderWidth: 0, borderColor: 'transparent'});
      sets.push({label: '', data: band(4), borderWidth: 0, borderColor: 'transparent', fill: '-1', backgroundColor: alpha(c, 0.12)});
      sets.push({label: '', data: band(1), borderWidth: 0, borderColor: 'transparent'});
      sets.push({label: '', data: band(3), borderWidth: 0, borderColor: 'transparent', fill: '-1', backgroundColor: alpha(c, 0.28)});
      sets.push({label: d.variants[v], data: band(2), borderColor: c, backgroundColor: c, borderWidth: 2});
    });
    var y = {title: {display: true, text: yTitle}};
    if (fromZero) y.min = 0;
    make(id, {type: 'line', data: {datasets: sets}, options: {parsing: false,
      scales: {x: hoursAxis(), y: y},
      plugins: {legend: {labels: {filter: function (item) { return item.text !== ''; }}},
                tooltip: {filter: function (item) { return item.dataset.label !== ''; }}}}});
  }

  function drawSweep(d) {
    fan('chart-fan-outrage', d, d.fan_outrage, 'mean outrage', true);
    fan('chart-fan-trust', d, d.fan_trust, 'mean trust', false);
    fan('chart-fan-spreaders', d, d.fan_spreaders, 'spreaders', true);
    // Key metrics: one small chart each, a floating bar for the interval and a dot for the mean.
    var box = document.getElementById('chart-intervals');
    if (!box) return;
    var holder = box.parentNode;
    holder.removeChild(box);
    holder.className = 'interval-grid';
    d.key_metrics.forEach(function (m, k) {
      var div = document.createElement('div');
      div.className = 'canvas-box small';
      var canvas = document.createElement('canvas');
      canvas.id = 'chart-interval-' + k;
      div.appendChild(canvas);
      holder.appendChild(div);
      var scale = m.unit === 'share' ? 100 : 1;
      var bars = d.variants.map(function (v, i) { return [m.low[i] * scale, m.high[i] * scale]; });
      var means = d.variants.map(function (v, i) { return m.mean[i] * scale; });
      make(canvas.id, {type: 'bar', data: {labels: d.variants, datasets: [
        {type: 'bar', label: '95% CI', data: bars, indexAxis: 'y',
         backgroundColor: d.variants.map(function (v, i) { return alpha(color(i), 0.45); })},
        {type: 'line', label: 'mean', data: means, indexAxis: 'y', showLine: false, pointRadius: 5,
         pointBackgroundColor: '#222', borderColor: '#222'}]},
        options: {indexAxis: 'y', plugins: {legend: {display: false},
          title: {display: true, text: m.label + (m.unit === 'share' ? ' (%)' : '')}}}});
    });
  }

  if (data.kind === 'run') drawRun(data);
  else if (data.kind === 'sweep') drawSweep(data);
  document.body.setAttribute('data-charts', String(drawn));
  if (document.body.getAttribute('data-report-status') !== 'error')
    document.body.setAttribute('data-report-status', 'ok');
})();
