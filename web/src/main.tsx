import { render } from 'preact';
import { useState } from 'preact/hooks';
import './styles.css';
import { onLinkClick, useLocation } from './router';
import { SearchView } from './views/Search';
import { TraceView } from './views/trace/TraceView';
import { ServicesView } from './views/Services';
import { ServiceView } from './views/Service';
import { LogsView } from './views/Logs';

function ThemeToggle() {
  const [theme, setTheme] = useState(document.documentElement.dataset.theme ?? 'light');
  const toggle = () => {
    const next = theme === 'dark' ? 'light' : 'dark';
    document.documentElement.dataset.theme = next;
    try {
      localStorage.setItem('tracehound.theme', next);
    } catch {
      // private mode: the choice lasts for this page only
    }
    setTheme(next);
  };
  return (
    <button type="button" class="icon-button theme-toggle" onClick={toggle} title={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`} aria-label="Toggle theme">
      {theme === 'dark' ? '☀' : '☾'}
    </button>
  );
}

function App() {
  const { path } = useLocation();
  let view;
  let section = '';
  let m: RegExpMatchArray | null;
  if (path === '/' || path === '') {
    view = <SearchView />;
    section = 'search';
  } else if ((m = path.match(/^\/trace\/([^/]+)\/?$/))) {
    view = <TraceView id={decodeURIComponent(m[1])} />;
    section = 'search';
  } else if (/^\/services\/?$/.test(path)) {
    view = <ServicesView />;
    section = 'services';
  } else if ((m = path.match(/^\/services\/(.+?)\/?$/))) {
    view = <ServiceView service={decodeURIComponent(m[1])} />;
    section = 'services';
  } else if (/^\/logs\/?$/.test(path)) {
    view = <LogsView />;
    section = 'logs';
  } else {
    view = (
      <div class="page">
        <h2>Not found</h2>
        <p>
          No view at <code>{path}</code>. <a href="/">Search traces</a>
        </p>
      </div>
    );
  }
  return (
    <div class="app" onClick={onLinkClick}>
      <header class="topbar">
        <a href="/" class="brand">
          <span class="logo">●</span> Tracehound
        </a>
        <nav>
          <a href="/" class={section === 'search' ? 'active' : ''}>
            Traces
          </a>
          <a href="/services" class={section === 'services' ? 'active' : ''}>
            Services
          </a>
          <a href="/logs" class={section === 'logs' ? 'active' : ''}>
            Logs
          </a>
        </nav>
        <form
          class="goto-trace"
          onSubmit={(e) => {
            e.preventDefault();
            const v = ((e.currentTarget as HTMLFormElement).elements.namedItem('traceId') as HTMLInputElement).value.trim();
            if (v) window.history.pushState(null, '', '/trace/' + encodeURIComponent(v)), window.dispatchEvent(new PopStateEvent('popstate'));
          }}
        >
          <input name="traceId" placeholder="Trace id (hex or decimal)" aria-label="Open trace by id" />
        </form>
        <ThemeToggle />
      </header>
      <main>{view}</main>
    </div>
  );
}

render(<App />, document.getElementById('app')!);
