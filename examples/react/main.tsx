/**
 * React 19 with the wrappers from `credit-usage-elements/react`: props for
 * the element's properties (`dataSource` is set as a property), typed
 * `on…` props for its events.
 */
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
// In an application: 'credit-usage-elements/react'.
import { CreditDashboard, type DaySelectDetail, type RangeChangeDetail } from '../../src/react/index.js';
import { AcmeSource, ACME_NOW } from '../shared/acme-source.js';
import { describeDay, describeRange } from '../shared/status.js';

function App() {
  // One adapter for the life of the page: a new one would reload every panel.
  const [source] = useState(() => new AcmeSource());
  const [range, setRange] = useState<RangeChangeDetail>();
  const [day, setDay] = useState<DaySelectDetail>();

  return (
    <>
      <h1>React</h1>
      <p className="status" role="status">
        <span data-status="range">{describeRange(range)}</span>
        <span data-status="day">{describeDay(day)}</span>
      </p>
      <CreditDashboard
        dataSource={source}
        // The example data ends on 20 October 2026: pin "today" there. Leave `now` unset in an application.
        now={ACME_NOW}
        onRangeChange={(event) => setRange(event.detail)}
        onDaySelect={(event) => setDay(event.detail)}
      />
    </>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
