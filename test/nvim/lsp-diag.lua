-- Neovim (0.7.2 from Debian, or later) as an independent LSP client: start `node dist/server.js
-- --stdio`, open a POA&M, wait for our diagnostics and print them as JSON.
--   CMMC_FILE=... CMMC_SERVER=dist/server.js nvim --headless -u NONE -c 'luafile test/nvim/lsp-diag.lua'
local function main()
  local file = vim.fn.fnamemodify(vim.env.CMMC_FILE, ':p')
  local json = (vim.json and vim.json.encode) or vim.fn.json_encode
  local published = false
  local orig = vim.lsp.handlers['textDocument/publishDiagnostics']
  vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, cfg)
    orig(err, result, ctx, cfg)
    if result and vim.uri_to_fname(result.uri) == file and #result.diagnostics > 0 then published = true end
  end
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  vim.bo[buf].filetype = 'yaml' -- -u NONE: no filetype detection
  local id = vim.lsp.start_client({
    name = 'cmmc',
    cmd = { 'node', vim.fn.fnamemodify(vim.env.CMMC_SERVER, ':p'), '--stdio' },
    root_dir = vim.fn.fnamemodify(file, ':h'),
    init_options = { today = '2025-05-01' },
  })
  assert(id, 'language server did not start')
  vim.lsp.buf_attach_client(buf, id)
  local ok = vim.wait(tonumber(vim.env.LSP_TIMEOUT_MS or 20000), function() return published end, 50)
  local res = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    res[#res + 1] = { line = d.lnum + 1, col = d.col + 1, severity = d.severity, code = code, source = d.source, message = d.message }
  end
  io.stdout:write(json({ ok = ok, file = file, diagnostics = res }), '\n')
  vim.lsp.stop_client(id)
  vim.wait(3000, function() return vim.lsp.get_client_by_id(id) == nil end, 50)
  return ok
end
local okcall, result = pcall(main)
if not okcall then io.stderr:write('lsp-diag: ', tostring(result), '\n') end
io.stdout:flush()
vim.cmd((okcall and result) and 'qall!' or 'cquit! 1')
