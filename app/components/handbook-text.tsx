import { Fragment, type ReactNode } from "react";
import type { Block, Run } from "~/modules/handbook/blocks";

/** A handbook's text blocks as HTML: the same blocks the PDF is laid out from. */
export function HandbookBlocks({ blocks }: { blocks: Block[] }) {
  return (
    <>
      {blocks.map((block, i) => (
        <HandbookBlock key={i} block={block} />
      ))}
    </>
  );
}

function HandbookBlock({ block }: { block: Block }) {
  switch (block.kind) {
    case "heading": {
      const Heading = `h${block.level}` as const;
      return <Heading>{block.text}</Heading>;
    }
    case "paragraph":
      return (
        <p>
          <Runs runs={block.runs} />
        </p>
      );
    case "list": {
      const items = block.items.map((item, i) => (
        // A list item of one paragraph is a tight item, as the lesson page shows it.
        <li key={i}>{item.length === 1 && item[0]!.kind === "paragraph" ? <Runs runs={item[0]!.runs} /> : <HandbookBlocks blocks={item} />}</li>
      ));
      return block.ordered ? <ol start={block.start === 1 ? undefined : block.start}>{items}</ol> : <ul>{items}</ul>;
    }
    case "quote":
      return (
        <blockquote>
          <HandbookBlocks blocks={block.blocks} />
        </blockquote>
      );
  }
}

function Runs({ runs }: { runs: Run[] }) {
  return (
    <>
      {runs.map((run, i) => {
        let node: ReactNode = run.text.split("\n").map((line, j) => (
          <Fragment key={j}>
            {j > 0 ? <br /> : null}
            {line}
          </Fragment>
        ));
        if (run.bold) node = <strong>{node}</strong>;
        if (run.italic) node = <em>{node}</em>;
        if (run.href) node = <a href={run.href}>{node}</a>;
        return <Fragment key={i}>{node}</Fragment>;
      })}
    </>
  );
}
