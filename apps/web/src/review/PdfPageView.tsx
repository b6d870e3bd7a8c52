import type { BoundingBox } from '@invoice/contracts';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { useEffect, useRef, useState, type MouseEvent, type PointerEvent } from 'react';
import { ApiError } from '../api/api-error';
import { useApi } from '../app/api-context';
import { ErrorNotice } from '../shared/ErrorNotice';
import { bboxToCss, boxBetween, cssToPoints, fitScale, lineAt } from './bbox';
import { fetchPageCopy } from './page-copy';
import { PageUnavailable } from './PageUnavailable';
import { loadPdfJs } from './pdf-loader';

export interface PdfPageViewProps {
  /** The page copy: the PDF whose page coordinates the lines' boxes are in (for a scan, the levelled images OCR read). */
  fileUrl: string;
  fileName: string;
  page: number;
  onPageChange: (page: number) => void;
  /** The selected line's box on `page`, or null. */
  highlight: BoundingBox | null;
  highlightLabel: string | null;
  /** The lines printed on `page` with their boxes: a click on the page selects the line under the pointer. */
  lines?: readonly { index: number; bbox: BoundingBox }[];
  onPickLine?: (lineIndex: number) => void;
  /** Offered when given: the "Read line from page" switch, under which a drag draws a box to read. */
  regionMode?: boolean;
  onRegionModeChange?: (on: boolean) => void;
  /** The box the operator drew, in PDF points (top-left origin). */
  onRegion?: (box: BoundingBox) => void;
  /** The box being read or confirmed, outlined on the page. */
  region?: BoundingBox | null;
}

/** A drag shorter than this (CSS pixels) either way is a click, not a box. */
const MIN_DRAG_PX = 4;

/** One page of the page copy rendered by pdf.js, with the selected line outlined. */
export function PdfPageView(props: PdfPageViewProps) {
  const { fileUrl, fileName, page, onPageChange, highlight, highlightLabel, regionMode = false } = props;
  const [drag, setDrag] = useState<{ x0: number; y0: number; x1: number; y1: number } | null>(null);
  const api = useApi();
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  // Apart, because a copy that could not be loaded leaves no page to draw on, while a page that failed to draw does.
  const [loadError, setLoadError] = useState<unknown>(null);
  const [error, setError] = useState<unknown>(null);
  const [scale, setScale] = useState<number | null>(null);
  const [width, setWidth] = useState(0);
  // True from the start of a page's drawing until it is on the canvas: assistive tech and the browser
  // test both learn from aria-busy when the page is really there.
  const [drawing, setDrawing] = useState(true);
  const frame = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    let cancelled = false;
    let destroy: (() => void) | null = null;
    setDoc(null);
    setLoadError(null);
    setError(null);
    Promise.all([loadPdfJs(), fetchPageCopy(fileUrl, api.authHeaders())])
      .then(([pdfjs, data]) => {
        if (cancelled) return null;
        const task = pdfjs.getDocument({ data });
        destroy = () => void task.destroy();
        return task.promise;
      })
      .then((loaded) => {
        if (!cancelled && loaded) setDoc(loaded);
      })
      .catch((cause: unknown) => {
        if (cancelled) return;
        const message = `The page could not be shown: ${String((cause as Error)?.message ?? cause)}`;
        setLoadError(cause instanceof ApiError ? cause : { code: 'PDF_UNREADABLE', message });
      });
    return () => {
      cancelled = true;
      destroy?.();
    };
  }, [fileUrl]);

  // Follow the width of the pane, so the page fits both a wide screen and a narrow window.
  useEffect(() => {
    const element = frame.current;
    if (!element) return;
    const measure = () => setWidth(Math.floor(element.clientWidth));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (!doc || !canvas.current || width === 0) return;
    let cancelled = false;
    let cancelRender: (() => void) | null = null;
    const target = canvas.current;
    void (async () => {
      try {
        const pdfPage = await doc.getPage(Math.min(Math.max(1, page), doc.numPages));
        if (cancelled) return;
        const fitted = fitScale(pdfPage.getViewport({ scale: 1 }).width, width);
        const viewport = pdfPage.getViewport({ scale: fitted });
        const pixelRatio = window.devicePixelRatio || 1;
        target.width = Math.floor(viewport.width * pixelRatio);
        target.height = Math.floor(viewport.height * pixelRatio);
        target.style.width = `${Math.floor(viewport.width)}px`;
        target.style.height = `${Math.floor(viewport.height)}px`;
        // The outline follows the canvas size at once; the drawing catches up a moment later.
        setScale(fitted);
        setDrawing(true);
        const task = pdfPage.render({
          canvas: target,
          viewport,
          transform: pixelRatio === 1 ? undefined : [pixelRatio, 0, 0, pixelRatio, 0, 0],
        });
        cancelRender = () => task.cancel();
        await task.promise;
        if (!cancelled) setDrawing(false);
      } catch (cause) {
        if (!cancelled && (cause as Error)?.name !== 'RenderingCancelledException') {
          setError({ code: 'PDF_UNREADABLE', message: `Page ${page} could not be drawn: ${String((cause as Error)?.message ?? cause)}` });
        }
      }
    })();
    return () => {
      cancelled = true;
      cancelRender?.();
    };
  }, [doc, page, width]);

  const pages = doc?.numPages ?? 0;
  const css = highlight && scale ? bboxToCss(highlight, scale) : null;
  const regionCss = props.region && scale ? bboxToCss(props.region, scale, 0) : null;

  /** Where the pointer is on the drawn page, in CSS pixels from its top-left corner. */
  function stagePoint(event: PointerEvent<HTMLDivElement>) {
    const rect = event.currentTarget.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  }

  function onPointerDown(event: PointerEvent<HTMLDivElement>) {
    if (!regionMode || !scale || event.button !== 0) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    const { x, y } = stagePoint(event);
    setDrag({ x0: x, y0: y, x1: x, y1: y });
  }

  function onPointerMove(event: PointerEvent<HTMLDivElement>) {
    if (!drag) return;
    const { x, y } = stagePoint(event);
    setDrag({ ...drag, x1: x, y1: y });
  }

  function onPointerUp(event: PointerEvent<HTMLDivElement>) {
    if (!drag || !scale) return;
    const { x, y } = stagePoint(event);
    setDrag(null);
    if (Math.abs(x - drag.x0) < MIN_DRAG_PX || Math.abs(y - drag.y0) < MIN_DRAG_PX) return;
    props.onRegion?.(boxBetween(cssToPoints(drag.x0, drag.y0, scale), cssToPoints(x, y, scale)));
  }

  /** A click on a printed line selects it: the inverse of the outline. */
  function onPageClick(event: MouseEvent<HTMLDivElement>) {
    if (regionMode || !scale || !props.onPickLine || !props.lines) return;
    const rect = event.currentTarget.getBoundingClientRect();
    const hit = lineAt(props.lines, cssToPoints(event.clientX - rect.left, event.clientY - rect.top, scale));
    if (hit !== null) props.onPickLine(hit);
  }

  // Bring the outline into view inside the page pane only: scrolling the window would pull a narrow
  // window's reader away from the line they just selected.
  const outlineTop = css?.top ?? null;
  const outlineBottom = css ? css.top + css.height : null;
  useEffect(() => {
    const pane = frame.current;
    if (!pane || outlineTop === null || outlineBottom === null) return;
    const MARGIN_PX = 16;
    if (outlineTop < pane.scrollTop) pane.scrollTop = Math.max(0, outlineTop - MARGIN_PX);
    else if (outlineBottom > pane.scrollTop + pane.clientHeight) pane.scrollTop = outlineBottom - pane.clientHeight + MARGIN_PX;
  }, [outlineTop, outlineBottom]);
  return (
    <figure className="pdf-pane">
      <figcaption id="pdf-caption" className="pdf-toolbar">
        <span>
          Page {page}
          {pages > 0 && ` of ${pages}`}
          {highlightLabel && <span className="muted">, {highlightLabel} outlined</span>}
        </span>
        <span className="pdf-nav" hidden={loadError !== null}>
          {props.onRegionModeChange && (
            <button
              id="read-line-toggle"
              type="button"
              className="secondary"
              aria-pressed={regionMode}
              aria-describedby={regionMode ? 'region-hint' : undefined}
              onClick={() => props.onRegionModeChange?.(!regionMode)}
            >
              Read line from page
            </button>
          )}
          <button type="button" className="secondary" onClick={() => onPageChange(page - 1)} disabled={page <= 1}>
            Previous page
          </button>
          <button type="button" className="secondary" onClick={() => onPageChange(page + 1)} disabled={pages === 0 || page >= pages}>
            Next page
          </button>
        </span>
      </figcaption>
      {error !== null && <ErrorNotice error={error} />}
      <div className="pdf-frame" ref={frame}>
        {loadError !== null && <PageUnavailable error={loadError} />}
        {!doc && loadError === null && <p className="muted">Loading the invoice page…</p>}
        <div
          // Hidden, not removed, while there is no copy: the canvas stays mounted for the drawing effect.
          hidden={loadError !== null}
          className={regionMode ? 'pdf-stage pdf-stage-drawing' : props.onPickLine ? 'pdf-stage pdf-stage-pickable' : 'pdf-stage'}
          aria-busy={drawing}
          data-testid="pdf-stage"
          onClick={onPageClick}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={() => setDrag(null)}
        >
          <canvas ref={canvas} role="img" aria-label={`Page ${page} of ${fileName}`} />
          {css && (
            <div
              className="pdf-highlight"
              data-testid="line-highlight"
              aria-hidden="true"
              style={{ left: css.left, top: css.top, width: css.width, height: css.height }}
            />
          )}
          {drag && (
            <div
              className="pdf-region"
              data-testid="region-drag"
              aria-hidden="true"
              style={{
                left: Math.min(drag.x0, drag.x1),
                top: Math.min(drag.y0, drag.y1),
                width: Math.abs(drag.x1 - drag.x0),
                height: Math.abs(drag.y1 - drag.y0),
              }}
            />
          )}
          {!drag && regionCss && (
            <div
              className="pdf-region"
              data-testid="region-box"
              aria-hidden="true"
              style={{ left: regionCss.left, top: regionCss.top, width: regionCss.width, height: regionCss.height }}
            />
          )}
        </div>
      </div>
      {regionMode && (
        // Under the page, not above it: text appearing above would move the page under the pointer.
        <p id="region-hint" className="hint">
          Drag a box around the missed line on the page; its words are read and proposed as a new line.
        </p>
      )}
    </figure>
  );
}
