/** Data for the interactive 3D plot: points on PC1–3 with their segment index, colours and axis titles. */
export interface Scatter3dData {
  readonly x: readonly number[];
  readonly y: readonly number[];
  readonly z: readonly number[];
  readonly segment: readonly number[];
  readonly colors: readonly string[];
  readonly labels: readonly string[];
  readonly axes: readonly [string, string, string];
}

/**
 * A small dependency-free rotatable 3D scatter on a canvas (drag to rotate, keys ←/→/↑/↓ too), inlined
 * into the report with Function.prototype.toString, so it must stay self-contained: no imports, no
 * outside names. Points are depth-sorted and drawn back to front; axes are drawn from the origin.
 */
export function mountScatter3d(canvas: HTMLCanvasElement, data: Scatter3dData): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const n = data.x.length;
  let span = 1e-9;
  for (let i = 0; i < n; i++) span = Math.max(span, Math.abs(data.x[i]!), Math.abs(data.y[i]!), Math.abs(data.z[i]!));
  let yaw = -0.61,
    pitch = 0.35;
  const draw = (): void => {
    const w = canvas.width,
      h = canvas.height,
      scale = (Math.min(w, h) * 0.38) / span;
    const cy = Math.cos(yaw),
      sy = Math.sin(yaw),
      cp = Math.cos(pitch),
      sp = Math.sin(pitch);
    const project = (x: number, y: number, z: number): [number, number, number] => {
      const x1 = x * cy - y * sy,
        d1 = x * sy + y * cy;
      return [w / 2 + x1 * scale, h / 2 - (z * cp - d1 * sp) * scale, z * sp + d1 * cp];
    };
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, w, h);
    ctx.font = '12px "DejaVu Sans", sans-serif';
    const ends: Array<[number, number, number]> = [
      [span, 0, 0],
      [0, span, 0],
      [0, 0, span],
    ];
    ends.forEach((e, a) => {
      const o = project(0, 0, 0),
        p = project(e[0], e[1], e[2]);
      ctx.strokeStyle = '#888';
      ctx.beginPath();
      ctx.moveTo(o[0], o[1]);
      ctx.lineTo(p[0], p[1]);
      ctx.stroke();
      ctx.fillStyle = '#333';
      ctx.fillText(data.axes[a]!, p[0] + 4, p[1] - 4);
    });
    const order = Array.from({ length: n }, (_, i) => i);
    const proj = order.map((i) => project(data.x[i]!, data.y[i]!, data.z[i]!));
    order.sort((a, b) => proj[b]![2] - proj[a]![2]);
    for (const i of order) {
      const p = proj[i]!;
      ctx.fillStyle = data.colors[data.segment[i]!]!;
      ctx.globalAlpha = 0.8;
      ctx.beginPath();
      ctx.arc(p[0], p[1], 3, 0, Math.PI * 2);
      ctx.fill();
    }
    ctx.globalAlpha = 1;
  };
  let dragging = false,
    lastX = 0,
    lastY = 0;
  canvas.addEventListener('pointerdown', (e) => {
    dragging = true;
    lastX = e.clientX;
    lastY = e.clientY;
    canvas.setPointerCapture(e.pointerId);
  });
  canvas.addEventListener('pointermove', (e) => {
    if (!dragging) return;
    yaw += (e.clientX - lastX) * 0.01;
    pitch = Math.max(-1.5, Math.min(1.5, pitch + (e.clientY - lastY) * 0.01));
    lastX = e.clientX;
    lastY = e.clientY;
    draw();
  });
  canvas.addEventListener('pointerup', () => (dragging = false));
  canvas.addEventListener('keydown', (e) => {
    const step = 0.1;
    if (e.key === 'ArrowLeft') yaw -= step;
    else if (e.key === 'ArrowRight') yaw += step;
    else if (e.key === 'ArrowUp') pitch = Math.min(1.5, pitch + step);
    else if (e.key === 'ArrowDown') pitch = Math.max(-1.5, pitch - step);
    else return;
    e.preventDefault();
    draw();
  });
  draw();
}
